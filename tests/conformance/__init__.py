"""Conformance to real AWS: our own call sequences replayed on the simulator's boto3 clients,
compared with responses AWS gave to the same sequences (recorded in LocalStack's snapshot
files, Apache-2.0; see ``recordings/``)."""
