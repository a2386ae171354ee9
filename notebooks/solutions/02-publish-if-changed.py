import base64
import hashlib


def publish_if_changed(account, function_name, source):
    """Upload and publish `source` only if the newest version holds different code."""
    sha256 = base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()
    # $LATEST comes first, then the versions in ascending order, 50 per page: the newest
    # version is the last item of the last page.
    page = account.list_versions_by_function(function_name)
    while page.next_marker:
        page = account.list_versions_by_function(function_name, marker=page.next_marker)
    newest = page.items[-1]
    if newest.version != "$LATEST" and newest.code_sha256 == sha256:
        return newest.version
    account.update_function_code(function_name, source)
    return account.publish_version(function_name, code_sha256=sha256).version
