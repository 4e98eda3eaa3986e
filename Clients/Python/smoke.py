#!/usr/bin/env python3
"""Calls every operation of openapi.yaml through the generated Python client, against a running server.

usage: Clients/Python/smoke.py BASE_URL PACKAGE_DIR
  PACKAGE_DIR: the generated hormone_therapy_api_client package (scripts/check-python-client makes one).

The operations come from openapi.yaml itself, not from a list here, so a new operation is called (or fails
to be) with no change to this script. So do the arguments: each path parameter's `example` (or else the first
id of the collection above it) and each required query parameter's `example`. Every call must give its
method's status (GET and HEAD 200, OPTIONS 204 to a CORS preflight), and a GET whose 200 is a schema of
components must parse into that schema's generated class. Then a few checks that answers mean what they should.
Prints one line per operation and per check, then 'python-client: N operations called, N passed, N failed'.
"""

import importlib
import sys
from pathlib import Path

import yaml

# The generator's own naming rules, so module, argument and class names are the ones it generated.
from openapi_python_client.strings import ClassName, PythonIdentifier

SPEC = Path(__file__).resolve().parents[2] / "openapi.yaml"
PACKAGE = "hormone_therapy_api_client"
FIELD_PREFIX = "field_"  # the generator's default, which Clients/Python/openapi-python-client.yaml keeps
METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
EXPECTED_STATUS = {"get": 200, "head": 200, "options": 204}
# What a browser sends before a cross-origin GET (the server answers a bare OPTIONS with 204 too).
PREFLIGHT_HEADERS = {"Origin": "https://example.org", "Access-Control-Request-Method": "GET"}
# Values for required query parameters that have no `example` in the spec, by (operationId, name): none today.
QUERY_VALUES: dict[tuple[str, str], object] = {}


class CheckFailed(Exception):
    pass


def require(condition, message):
    if not condition:
        raise CheckFailed(message)


def resolve(spec, node):
    """The object a local `$ref` points to, or the node itself."""
    while "$ref" in node:
        target = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def operations(spec):
    """(method, path, operation, parameters) for each operation with an operationId, in the spec's order."""
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method in METHODS and "operationId" in operation:
                # An operation's parameter replaces the path item's one of the same name and location.
                merged = {}
                for parameter in item.get("parameters", []) + operation.get("parameters", []):
                    parameter = resolve(spec, parameter)
                    merged[parameter["name"], parameter["in"]] = parameter
                yield method, path, operation, list(merged.values())


def generated_module(operation):
    """The operation's module: api/<first tag>/<operationId>.py, named as the generator names them."""
    tag = PythonIdentifier(operation.get("tags", ["default"])[0], "tag")
    name = PythonIdentifier(operation["operationId"], FIELD_PREFIX)
    return importlib.import_module(f"{PACKAGE}.api.{tag}.{name}")


def path_values(client, path, parameters):
    """A value for each path parameter, left to right: its example, or the first id of the collection above it."""
    values = {}
    in_path = [parameter for parameter in parameters if parameter["in"] == "path"]
    for parameter in sorted(in_path, key=lambda parameter: path.index("{" + parameter["name"] + "}")):
        name = parameter["name"]
        if "example" in parameter:
            values[name] = parameter["example"]
        else:
            collection = path[: path.index("{" + name + "}")].rstrip("/").format(**values)
            values[name] = first_id(client, collection)
    return values


def first_id(client, collection):
    """The id of a collection's first member: a list page's first item, or a FHIR Bundle's first entry."""
    response = client.get_httpx_client().get(collection)
    require(response.status_code == 200, f"no example, and GET {collection} (for an id) gives {response.status_code}")
    body = response.json()
    first = body["items"][0] if "items" in body else body["entry"][0]["resource"]
    return first["id"]


def query_values(operation, parameters):
    """A value for each required query parameter: its example, or else the one in QUERY_VALUES."""
    values = {}
    for parameter in parameters:
        if parameter["in"] == "query" and parameter.get("required"):
            name = parameter["name"]
            value = parameter.get("example", QUERY_VALUES.get((operation["operationId"], name)))
            require(value is not None, f"required query parameter {name} has no example (nor QUERY_VALUES entry)")
            values[name] = value
    return values


def model_class(spec, operation):
    """The generated class of the 200 body when it is a named schema, else None (a string or bytes body)."""
    response = resolve(spec, operation["responses"].get("200", {}))
    for media in response.get("content", {}).values():
        reference = media.get("schema", {}).get("$ref")
        if reference:
            models = importlib.import_module(f"{PACKAGE}.models")
            return getattr(models, ClassName(reference.rsplit("/", 1)[1], FIELD_PREFIX))
    return None


def call(spec, clients, method, path, operation, parameters):
    """Calls one operation through its generated module; returns the status, or raises CheckFailed."""
    require(method in EXPECTED_STATUS, f"no expected status for {method.upper()}: add one to EXPECTED_STATUS")
    arguments = {**path_values(clients["plain"], path, parameters), **query_values(operation, parameters)}
    arguments = {PythonIdentifier(name, FIELD_PREFIX): value for name, value in arguments.items()}
    client = clients["preflight" if method == "options" else "plain"]
    response = generated_module(operation).sync_detailed(client=client, **arguments)
    status, expected = int(response.status_code), EXPECTED_STATUS[method]
    require(status == expected, f"status {status}, expected {expected}: {response.content[:300]!r}")
    if method == "get" and (model := model_class(spec, operation)):
        require(isinstance(response.parsed, model), f"parsed as {type(response.parsed).__name__}, not {model.__name__}")
    if method == "options":
        allowed = response.headers.get("Access-Control-Allow-Methods", "")
        require("GET" in allowed, f"the preflight does not allow GET (Access-Control-Allow-Methods: {allowed!r})")
    return status


def call_all(spec, clients):
    """Calls every operation and prints its line; one True (passed) or False per operation."""
    results = []
    for method, path, operation, parameters in operations(spec):
        label = f"{method.upper()} {path} {operation['operationId']}"
        results.append(run(label, call, spec, clients, method, path, operation, parameters))
    return results


def check_agent_pages(client):
    """list_agents: `total` is the number of agents the pages hold, each agent on one page."""
    from hormone_therapy_api_client.api.content import list_agents

    ids, pages = [], 0
    while True:  # three at a time, so that the agents take several pages
        page = list_agents.sync_detailed(client=client, limit=3, offset=len(ids)).parsed
        ids += [agent.id for agent in page.items]
        pages += 1
        if not page.items or len(ids) >= page.total:
            break
    require(len(ids) == page.total, f"total {page.total}, but the pages hold {len(ids)} agents")
    require(len(set(ids)) == len(ids), f"an agent is on two pages: {ids}")
    return f"total {page.total} = the agents fetched over {pages} pages of 3"


def check_tamoxifen(client):
    """get_agent: the record behind an id (the name as Resources/ spells it)."""
    from hormone_therapy_api_client.api.content import get_agent

    agent = get_agent.sync_detailed("tamoxifen", client=client).parsed
    require(agent.name == "Tamoxifen", f"name {agent.name!r}, expected 'Tamoxifen'")
    return "name 'Tamoxifen'"


def check_search(client):
    """search: a word the content is full of finds something."""
    from hormone_therapy_api_client.api.content import search

    results = search.sync_detailed(client=client, q="estrogen").parsed
    require(results.total > 0 and results.items, f"no hit for 'estrogen' (total {results.total})")
    return f"q=estrogen: {results.total} hits"


def check_unknown_agent(client):
    """get_agent of an unknown id: a 404 the client parses as a Problem."""
    from hormone_therapy_api_client.api.content import get_agent
    from hormone_therapy_api_client.models import Problem

    response = get_agent.sync_detailed("no-such-agent", client=client)
    require(response.status_code == 404, f"status {response.status_code}, expected 404")
    require(isinstance(response.parsed, Problem), f"parsed as {type(response.parsed).__name__}, not Problem")
    require(response.parsed.status == 404, f"the Problem says status {response.parsed.status}")
    return "no-such-agent: 404, a Problem"


CHECKS = [check_agent_pages, check_tamoxifen, check_search, check_unknown_agent]


def run(label, function, *arguments):
    """Runs one call or check and prints its line; True if it passed. Any exception is a failure to report."""
    try:
        print(f"ok  {label} {function(*arguments)}")
        return True
    except Exception as error:  # noqa: BLE001 - a wrong status, an unparsable body, a missing module: all failures
        print(f"FAIL {label}: {error if isinstance(error, CheckFailed) else repr(error)}")
        return False


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    base_url, package_dir = sys.argv[1:]
    sys.path.insert(0, str(Path(package_dir).resolve().parent))
    from hormone_therapy_api_client import Client

    spec = yaml.safe_load(SPEC.read_text())
    with Client(base_url=base_url) as plain, Client(base_url=base_url, headers=PREFLIGHT_HEADERS) as preflight:
        clients = {"plain": plain, "preflight": preflight}
        called = call_all(spec, clients)
        checked = [run(f"check {check.__name__.removeprefix('check_')}:", check, plain) for check in CHECKS]
    print(f"python-client: {len(checked)} checks, {sum(checked)} passed, {checked.count(False)} failed")
    print(f"python-client: {len(called)} operations called, {sum(called)} passed, {called.count(False)} failed")
    sys.exit(0 if all(called + checked) else 1)


if __name__ == "__main__":
    main()
