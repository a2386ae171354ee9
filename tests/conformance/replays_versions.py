"""Replays for versions and aliases (recordings: ``recordings/lambda_api.json``)."""

from __future__ import annotations

import io
import zipfile

from .harness import Session, replay

API = "lambda_api"
VERSIONS = "TestLambdaVersions::"
ALIAS = "TestLambdaAlias::"


def other_package() -> bytes:
    """A second deployment package, with different code from :func:`harness.echo_zip`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.py", "def handler(event, context):\n    return {'v': 2}\n")
    return buffer.getvalue()


@replay("versions", API, VERSIONS + "test_publish_version_on_create")
def publish_version_on_create(s: Session) -> None:
    s.create("create_response", "fn-on-create", Publish=True)
    s.call("get_function_result", s.lam.get_function, FunctionName="fn-on-create")
    s.call(
        "get_function_version_result",
        s.lam.get_function,
        FunctionName="fn-on-create",
        Qualifier="1",
    )
    s.call(
        "get_function_latest_result",
        s.lam.get_function,
        FunctionName="fn-on-create",
        Qualifier="$LATEST",
    )
    s.call("list_versions_result", s.lam.list_versions_by_function, FunctionName="fn-on-create")
    s.call(
        "repeated_publish_response",
        s.lam.publish_version,
        FunctionName="fn-on-create",
        Description="Repeated version description :)",
    )
    s.call(
        "list_versions_result_after_publish",
        s.lam.list_versions_by_function,
        FunctionName="fn-on-create",
    )


@replay("versions", API, VERSIONS + "test_version_lifecycle")
def version_lifecycle(s: Session) -> None:
    name = "fn-versions"
    s.create("create_response", name, Description="No version :(")
    s.call("get_function_result", s.lam.get_function, FunctionName=name)
    s.call("list_versions_result", s.lam.list_versions_by_function, FunctionName=name)
    update = s.lam.update_function_configuration
    s.call("first_update_response", update, FunctionName=name, Description="First version :)")
    s.call("first_update_get_function", s.lam.get_function, FunctionName=name)
    first = s.call(
        "first_publish_response",
        s.lam.publish_version,
        FunctionName=name,
        Description="First version description :)",
    )
    s.call(
        "first_publish_get_function",
        s.lam.get_function,
        FunctionName=name,
        Qualifier=first["Version"],
    )
    s.call(
        "first_publish_get_function_config",
        s.lam.get_function_configuration,
        FunctionName=name,
        Qualifier=first["Version"],
    )
    s.call("second_update_response", update, FunctionName=name, Description="Second version :))")
    s.call(
        "first_publish_get_function_after_update",
        s.lam.get_function,
        FunctionName=name,
        Qualifier=first["Version"],
    )
    s.call("second_publish_response", s.lam.publish_version, FunctionName=name)
    s.call(
        "third_publish_response",
        s.lam.publish_version,
        FunctionName=name,
        Description="Third version description :)))",
    )
    s.call(
        "list_versions_result_after_third_publish",
        s.lam.list_versions_by_function,
        FunctionName=name,
    )
    s.call(None, s.lam.delete_function, FunctionName=name, Qualifier=first["Version"])
    s.call(
        "list_versions_result_after_deletion_of_first_version",
        s.lam.list_versions_by_function,
        FunctionName=name,
    )


@replay("versions", API, VERSIONS + "test_publish_with_wrong_sha256")
def publish_with_wrong_sha256(s: Session) -> None:
    s.create("create_response", "fn-sha")
    got = s.call("get_fn_response", s.lam.get_function, FunctionName="fn-sha")
    publish = s.lam.publish_version
    s.call(
        "publish_wrong_sha256_exc",
        publish,
        FunctionName="fn-sha",
        CodeSha256="somenonexistentsha256",
    )
    s.call(
        "publish_result",
        publish,
        FunctionName="fn-sha",
        CodeSha256=got["Configuration"]["CodeSha256"],
    )


@replay("versions", API, VERSIONS + "test_publish_with_update")
def publish_with_update(s: Session) -> None:
    s.create("create_response", "fn-pub-update")
    s.call("get_function_result", s.lam.get_function, FunctionName="fn-pub-update")
    s.call(
        "update_function_code_result",
        s.lam.update_function_code,
        FunctionName="fn-pub-update",
        ZipFile=other_package(),
        Publish=True,
    )
    get = s.lam.get_function
    s.call("get_function_version_result", get, FunctionName="fn-pub-update", Qualifier="1")
    s.call("get_function_latest_result", get, FunctionName="fn-pub-update", Qualifier="$LATEST")


def _two_versions(s: Session, name: str, **create) -> None:
    s.create("create_response", name, Environment={"Variables": {"testenv": "staging"}}, **create)
    s.call("publish_v1", s.lam.publish_version, FunctionName=name)
    s.call(
        None,
        s.lam.update_function_configuration,
        FunctionName=name,
        Environment={"Variables": {"testenv": "prod"}},
    )
    s.call("publish_v2", s.lam.publish_version, FunctionName=name)


@replay("aliases", API, ALIAS + "test_alias_lifecycle")
def alias_lifecycle(s: Session) -> None:
    name = "alias-fn-life"
    _two_versions(s, name)
    lam = s.lam
    alias_1_1 = s.call(
        "create_alias_1_1",
        lam.create_alias,
        FunctionName=name,
        Name="aliasname1_1",
        FunctionVersion="1",
        Description="custom-alias",
        RoutingConfig={"AdditionalVersionWeights": {"2": 0.2}},
    )
    s.call("get_alias_1_1", lam.get_alias, FunctionName=name, Name="aliasname1_1")
    s.call("get_function_alias_1_1", lam.get_function, FunctionName=name, Qualifier="aliasname1_1")
    s.call("get_function_byarn_alias_1_1", lam.get_function, FunctionName=alias_1_1["AliasArn"])
    s.call(
        "get_function_alias_notfound_exc",
        lam.get_function,
        FunctionName=name,
        Qualifier="aliasdoesnotexist",
    )
    s.call(
        "get_function_alias_byarn_notfound_exc",
        lam.get_function,
        FunctionName=alias_1_1["AliasArn"].replace("aliasname1_1", "aliasdoesnotexist"),
    )
    for key, alias, version, extra in (
        ("1_2", "aliasname1_2", "1", {"Description": "custom-alias"}),
        ("1_3", "aliasname1_3", "1", {}),
        ("2", "aliasname2", "2", {"Description": "custom-alias"}),
    ):
        s.call(
            f"create_alias_{key}",
            lam.create_alias,
            FunctionName=name,
            Name=alias,
            FunctionVersion=version,
            **extra,
        )
        s.call(f"get_alias_{key}", lam.get_alias, FunctionName=name, Name=alias)
    pages = lam.get_paginator("list_aliases").paginate(
        FunctionName=name, PaginationConfig={"PageSize": 1}
    )
    listed = pages.build_full_result()
    s.keep("list_aliases_for_fnname", {"Aliases": sorted(listed["Aliases"], key=_name)})
    s.call(
        "update_alias_1_1",
        lam.update_alias,
        FunctionName=name,
        Name="aliasname1_1",
        RoutingConfig={"AdditionalVersionWeights": {}},
    )
    s.call("get_alias_1_1_after_update", lam.get_alias, FunctionName=name, Name="aliasname1_1")
    _list_sorted(s, "list_aliases_for_fnname_after_update", FunctionName=name)
    s.call("update_alias_1_2", lam.update_alias, FunctionName=name, Name="aliasname1_2")
    s.call("get_alias_1_2_after_update", lam.get_alias, FunctionName=name, Name="aliasname1_2")
    _list_sorted(s, "list_aliases_for_fnname_after_update_2", FunctionName=name)
    _list_sorted(s, "list_aliases_for_version", FunctionName=name, FunctionVersion="1")
    s.call("delete_alias_response", lam.delete_alias, FunctionName=name, Name="aliasname1_1")
    _list_sorted(s, "list_aliases_for_fnname_afterdelete", FunctionName=name)


def _name(alias: dict) -> str:
    return alias["Name"]


def _list_sorted(s: Session, key: str, **params) -> None:
    response = s.call(key, s.lam.list_aliases, **params)
    response["Aliases"] = sorted(response["Aliases"], key=_name)


@replay("aliases", API, ALIAS + "test_non_existent_alias_deletion")
def non_existent_alias_deletion(s: Session) -> None:
    s.create("create_response", "alias-fn-d", Environment={"Variables": {"testenv": "staging"}})
    s.call(
        "delete_alias_response", s.lam.delete_alias, FunctionName="alias-fn-d", Name="non-existent"
    )


@replay("aliases", API, ALIAS + "test_non_existent_alias_update")
def non_existent_alias_update(s: Session) -> None:
    s.create("create_response", "alias-fn-u", Environment={"Variables": {"testenv": "staging"}})
    s.call(
        "update_alias_response", s.lam.update_alias, FunctionName="alias-fn-u", Name="non-existent"
    )


@replay("aliases", API, ALIAS + "test_notfound_and_invalid_routingconfigs")
def notfound_and_invalid_routingconfigs(s: Session) -> None:
    name = "alias-fn-routing"
    lam = s.unvalidated_lambda()
    s.lam = lam
    _two_versions(s, name, Publish=True)
    cases = (
        ("routing_config_exc_toomany", name, "custom", "1", {"1": 0.8, "2": 0.2}),
        ("routing_config_exc_toohigh", name, "custom", "1", {"2": 2}),
        ("routing_config_exc_subzero", name, "custom", "1", {"2": -1}),
        ("routing_config_exc_sameversion", name, "custom", "1", {"1": 0.5}),
        ("target_version_doesnotexist", name, "custom", "10", {"2": 0.5}),
        ("routing_config_exc_version_doesnotexist", name, "custom", "1", {"10": 0.5}),
        ("target_version_exc_version_latest", name, "custom", "$LATEST", {"1": 0.5}),
        ("routing_config_exc_version_latest", name, "custom", "1", {"$LATEST": 0.5}),
        ("create-alias-latest", name, "custom-latest", "$LATEST", None),
        ("routing_config_exc_fn_doesnotexist", f"{name}-unknown", "custom", "1", {"2": 0.5}),
        ("create_alias_empty_routingconfig", name, "custom-empty-routingconfig", "1", {}),
        ("create_alias_response", name, "custom", "1", {"2": 0.5}),
        ("routing_config_exc_already_exist", name, "custom", "1", {"2": 0.5}),
    )
    for key, function, alias, version, weights in cases:
        params = {"FunctionName": function, "Name": alias, "FunctionVersion": version}
        if weights is not None:
            params["RoutingConfig"] = {"AdditionalVersionWeights": weights}
        s.call(key, lam.create_alias, **params)
    s.call("alias_does_not_exist_esc", lam.get_alias, FunctionName=name, Name="non-existent")


@replay("aliases", API, ALIAS + "test_alias_naming")
def alias_naming(s: Session) -> None:
    name = "alias-fn-naming"
    s.create("create_response", name, Environment={"Variables": {"testenv": "staging"}})
    s.call("publish_v1", s.lam.publish_version, FunctionName=name)
    params = {"FunctionName": name, "FunctionVersion": "1", "Description": "custom-alias"}
    s.call("create_alias_date", s.lam.create_alias, Name="2024-01-02", **params)
    s.call("get_alias_date", s.lam.get_alias, FunctionName=name, Name="2024-01-02")
    s.call(None, s.lam.invoke, FunctionName=f"{name}:2024-01-02")
    s.call("create_alias_number_exception", s.lam.create_alias, Name="2024", **params)
