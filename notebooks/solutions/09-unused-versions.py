def unused_versions(lam, function_name):
    """The published versions of the function that no alias uses, in number order."""
    used = set()
    for page in lam.get_paginator("list_aliases").paginate(FunctionName=function_name):
        for alias in page["Aliases"]:
            used.add(alias["FunctionVersion"])
            weights = alias.get("RoutingConfig", {}).get("AdditionalVersionWeights", {})
            used.update(weights)
    published = []
    for page in lam.get_paginator("list_versions_by_function").paginate(FunctionName=function_name):
        for version in page["Versions"]:
            if version["Version"] != "$LATEST":
                published.append(version["Version"])
    return sorted((version for version in published if version not in used), key=int)
