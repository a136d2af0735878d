"""deploy/ and docker-compose.yml checked with the real tools, and a real Prometheus scraping a worker."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml

from streams import __version__
from streams.broker import free_port
from streams.harness import ROOT
from streams.harness import WorkerProcess as Worker
from tests.workers import running_worker

pytestmark = pytest.mark.integration  # real newsalert processes and outside tools

DEPLOY = ROOT / "deploy"
RULES = DEPLOY / "prometheus" / "rules"
DASHBOARD = DEPLOY / "grafana" / "dashboards" / "newsalert.json"


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (make test-deps installs Debian's prometheus packages)")
    return path


def run(*command: str, cwd: Path = ROOT) -> str:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"{' '.join(command)}:\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_file_is_valid_and_everything_it_mounts_exists() -> None:
    run(sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.compose-spec", "docker-compose.yml")
    services = compose()["services"]
    assert {"kafka", "topics", "worker", "feeds", "prometheus", "grafana", "alertmanager"} <= set(services)
    for name, service in services.items():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("."):
                assert (ROOT / source).exists(), f"{name} mounts {source}, which does not exist"
        build = service.get("build")
        if build:
            assert (ROOT / build["context"] / build["dockerfile"]).is_file()
    assert "healthcheck" in services["kafka"] and "KAFKA_PROCESS_ROLES" in services["kafka"]["environment"]
    assert "deploy" not in services["worker"] or "replicas" not in services["worker"]["deploy"]  # scalable


def published(service: dict) -> Iterator[tuple[str, str]]:
    """(host address, host port) of each port ``service`` publishes, in short or long syntax."""
    for port in service.get("ports", []):
        if isinstance(port, dict):
            yield port.get("host_ip", "0.0.0.0"), str(port.get("published", ""))
            continue
        spec = str(port).split("/")[0]
        if spec.startswith("["):  # [::1]:9090:9090
            address, _, rest = spec[1:].partition("]:")
            yield address, rest.split(":")[0]
            continue
        parts = spec.split(":")
        # "9090" and "9090:9090" publish on every interface; only "ADDRESS:HOST:CONTAINER" names one.
        yield (parts[0], parts[1]) if len(parts) == 3 else ("0.0.0.0", parts[0])


def test_compose_publishes_on_loopback_only_with_health_limits_log_rotation_and_pinned_images() -> None:
    services = compose()["services"]
    version = __version__
    for name, service in services.items():
        for address, port in published(service):
            assert address in ("127.0.0.1", "::1"), f"{name} publishes port {port} on {address}; bind 127.0.0.1"
        health = service.get("healthcheck")
        assert health, f"{name} has no healthcheck"
        if health.get("disable"):
            assert service.get("restart") == "no", f"{name} runs for good, so it needs a real healthcheck"
        else:
            assert health["test"] and health.get("start_period"), f"{name}: healthcheck without test or start_period"
        image = service["image"]
        tag = image.rpartition(":")[2] if ":" in image.rpartition("/")[2] else ""
        assert re.fullmatch(r"v?\d+\.\d+\.\d+", tag), f"{name}: image {image} is not pinned to a version"
        if "build" in service:
            assert tag == version, f"{name}: image {image} should carry pyproject's version {version}"
        limits = service.get("deploy", {}).get("resources", {}).get("limits", {})
        assert limits.get("memory") and limits.get("cpus"), f"{name} has no cpu and memory limit"
        if name != "topics":  # a one-shot job logs a few lines and exits
            logging = service.get("logging", {})
            assert logging.get("driver") == "json-file" and {"max-size", "max-file"} <= set(
                logging.get("options", {})
            ), f"{name}: logs are not rotated (json-file with max-size and max-file)"
    assert services["worker"]["healthcheck"]["test"][-1].count("/ready") == 1, "the worker's health is /ready"
    # README: curl -X POST localhost:6066/articles
    assert ("127.0.0.1", "6066") in {p for s in services.values() for p in published(s)}
    assert not list(published(services["worker"])), "a published port on the scalable worker collides at replica 2"
    for unpublished in ("kafka", "prometheus", "alertmanager"):
        assert all(address == "127.0.0.1" for address, _ in published(services[unpublished]))


def test_dockerfile_base_image_is_pinned() -> None:
    bases = re.findall(r"^(?:ARG PYTHON_IMAGE=|FROM )(\S+)", (DEPLOY / "Dockerfile").read_text(), re.M)
    pinned = [b for b in bases if re.fullmatch(r"python:3\.11\.\d+-slim-bookworm", b)]
    assert pinned and all(b in pinned or b.startswith("${") for b in bases), f"unpinned base image in {bases}"


def test_compose_secrets_come_from_env_and_the_required_ones_stop_compose() -> None:
    text = "\n".join(
        line for line in (ROOT / "docker-compose.yml").read_text().splitlines() if not line.lstrip().startswith("#")
    )
    services = compose()["services"]
    env_example = (ROOT / ".env.example").read_text()
    example = dict(re.findall(r"^([A-Z_]+)=(.*)$", env_example, re.M))
    # Every variable compose or newsalert.yaml reads is documented, and no secret has a value there.
    used = set(re.findall(r"\$\{([A-Z_]{4,})", text))
    used |= set(re.findall(r"\$\{([A-Z_]{4,})\}", (DEPLOY / "newsalert.yaml").read_text()))
    used |= {secret["environment"] for secret in compose()["secrets"].values()}
    assert used <= set(example), f"not in .env.example: {sorted(used - set(example))}"
    for name, value in example.items():
        if any(word in name for word in ("SECRET", "PASSWORD", "TOKEN")) or name.startswith("ALERTMANAGER_"):
            assert value == "", f".env.example gives {name} a value; secrets have no default"
    # No default passwords: compose must refuse to start without one (${VAR:?message}).
    assert re.search(r"GF_SECURITY_ADMIN_PASSWORD: \$\{GRAFANA_ADMIN_PASSWORD:\?[^}]+\}", text)
    assert "env_file" not in text, "env_file hands every secret in .env to every container"
    for variable in set(re.findall(r"\$\{([A-Z_]{4,})\}", (DEPLOY / "newsalert.yaml").read_text())):
        for name in ("worker", "feeds"):
            assert variable in services[name]["environment"], f"{variable} (newsalert.yaml) is not passed to {name}"
    # Each Alertmanager receiver's url_file is a compose secret the alertmanager service mounts, and required.
    config = yaml.safe_load((DEPLOY / "alertmanager" / "alertmanager.yml").read_text())
    files = {w["url_file"] for r in config["receivers"] for w in r.get("webhook_configs", [])}
    mounted = {f"/run/secrets/{name}" for name in services["alertmanager"]["secrets"]}
    assert files and files <= mounted, f"url_file without a mounted secret: {sorted(files - mounted)}"
    for name in services["alertmanager"]["secrets"]:
        variable = compose()["secrets"][name]["environment"]
        assert re.search(rf"\$\{{{variable}:\?[^}}]+\}}", text), f"compose starts without {variable} set"


def test_prometheus_config_and_rules_pass_promtool() -> None:
    promtool = tool("promtool")
    run(promtool, "check", "config", "prometheus.yml", cwd=DEPLOY / "prometheus")
    run(promtool, "check", "rules", *[str(p) for p in RULES.glob("*.yml") if not p.name.endswith(".test.yml")])
    run(promtool, "test", "rules", *[p.name for p in RULES.glob("*.test.yml")], cwd=RULES)


def test_every_prometheus_rule_has_a_promtool_case() -> None:
    """Each alert has a case where it fires, each recording rule a case that checks its value."""
    alerts, records = set(), set()
    for path in RULES.glob("*.yml"):
        if not path.name.endswith(".test.yml"):
            for group in yaml.safe_load(path.read_text())["groups"]:
                alerts |= {rule["alert"] for rule in group["rules"] if "alert" in rule}
                records |= {rule["record"] for rule in group["rules"] if "record" in rule}
    fired, evaluated = set(), ""
    for path in RULES.glob("*.test.yml"):
        for case in yaml.safe_load(path.read_text())["tests"]:
            fired |= {test["alertname"] for test in case.get("alert_rule_test", []) if test.get("exp_alerts")}
            evaluated += " ".join(test["expr"] for test in case.get("promql_expr_test", [])) + " "
    assert alerts and records
    assert alerts <= fired, f"alerts never shown firing in a promtool test: {sorted(alerts - fired)}"
    untested = {name for name in records if not re.search(rf"(?<![\w:]){re.escape(name)}(?![\w:])", evaluated)}
    assert not untested, f"recording rules no promql_expr_test evaluates: {sorted(untested)}"


@pytest.fixture(scope="module")
def worker(kafka: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Worker]:
    with running_worker(kafka, "metrics.", tmp_path_factory.mktemp("metrics"), NEWSALERT_PARTITIONS="1") as running:
        yield running


def exported_families(text: str) -> set[str]:
    """Metric names a scrape offers, with the series names counters and histograms expand to."""
    names = set()
    for family, kind in re.findall(r"^# TYPE (\S+) (\S+)$", text, re.M):
        names.add(family)
        if kind == "histogram":
            names |= {family + "_bucket", family + "_sum", family + "_count"}
        if kind == "counter":
            names.add(family.removesuffix("_total") + "_total")
    return names


def used_metrics() -> dict[str, set[str]]:
    """Every newsalert_/faust_ metric named in a query of the dashboard or the Prometheus rules."""
    queries: dict[str, list[str]] = {"dashboard": [], "rules": []}

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "expr" and isinstance(value, str):
                    queries["dashboard"].append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    dashboard = json.loads(DASHBOARD.read_text())
    walk(dashboard)
    queries["dashboard"] += [variable["query"] for variable in dashboard["templating"]["list"]]
    for path in RULES.glob("*.yml"):
        if path.name.endswith(".test.yml"):
            continue
        for group in yaml.safe_load(path.read_text())["groups"]:
            queries["rules"] += [rule["expr"] for rule in group["rules"]]
    pattern = re.compile(r"\b((?:newsalert|faust)_[a-zA-Z0-9_]+)")
    return {where: {m for q in found for m in pattern.findall(q)} for where, found in queries.items()}


def test_dashboard_is_valid_against_grafanas_dashboard_schema() -> None:
    # tests/data/grafana-dashboard-11.3.schema.json: Grafana's own schema for the image compose runs (its
    # $comment says where it comes from). It rejects unknown keys, so a typo in a panel fails here.
    schema = ROOT / "tests" / "data" / "grafana-dashboard-11.3.schema.json"
    run(sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), str(DASHBOARD))


def dashboard_panels() -> list[dict]:
    return [p for p in json.loads(DASHBOARD.read_text())["panels"] if p["type"] != "row"]


def test_every_dashboard_panel_has_a_unit_thresholds_and_variable_aware_queries() -> None:
    dashboard = json.loads(DASHBOARD.read_text())
    variables = {variable["name"]: variable for variable in dashboard["templating"]["list"]}
    assert {"instance", "rule", "destination"} <= set(variables)
    for variable in variables.values():
        assert variable.get("includeAll") and variable.get("allValue") == ".*", (
            f"${variable['name']}: All must match all"
        )
    exprs = []
    for panel in dashboard_panels():
        defaults = panel["fieldConfig"]["defaults"]
        assert defaults.get("unit"), f"panel {panel['title']!r} has no unit"
        steps = defaults.get("thresholds", {}).get("steps", [])
        assert steps and steps[0]["value"] is None, f"panel {panel['title']!r} has no thresholds (base step first)"
        assert panel["targets"], f"panel {panel['title']!r} has no query"
        exprs += [target["expr"] for target in panel["targets"]]
    for expr in exprs:
        fixed = re.findall(r"\[\d+[smhd]\]", expr)
        assert not fixed, f"fixed range {fixed} in {expr!r}; use [$__rate_interval] (or [$__range] for a total)"
    for name in ("instance", "rule", "destination"):
        assert any(f"${name}" in expr for expr in exprs), f"no panel filters by ${name}"


def test_dashboard_shows_what_an_operator_needs() -> None:
    exprs = " ".join(t["expr"] for p in dashboard_panels() for t in p["targets"])
    # up, rejected reloads, delivery attempts by status, dead letters by reason, story counts
    assert re.search(r"\bup\{job=\"newsalert\"", exprs)
    assert 'newsalert_rule_reloads_total{outcome="rejected"' in exprs
    assert re.search(r"by \([^)]*\bstatus\b[^)]*\) \(rate\(newsalert_delivery_attempts_total", exprs)
    assert re.search(r"by \([^)]*\breason\b[^)]*\) \(rate\(newsalert_deadletter_total", exprs)
    assert re.search(r'newsalert_alerts_total\{kind="opened"', exprs) and 'kind=~"opened|resolved"' in exprs


def test_every_metric_of_the_dashboard_and_rules_is_exported(worker: Worker) -> None:
    exported = exported_families(httpx.get(worker.url + "/metrics").text)
    used = used_metrics()
    assert used["dashboard"] and used["rules"]
    for where, names in used.items():
        assert names <= exported, f"{where} uses metrics the worker does not export: {sorted(names - exported)}"


def test_a_real_prometheus_scrapes_the_worker(worker: Worker, tmp_path: Path) -> None:
    prometheus = tool("prometheus")
    port = free_port()
    (tmp_path / "prometheus.yml").write_text(
        yaml.safe_dump(
            {
                "global": {"scrape_interval": "1s"},
                "scrape_configs": [
                    {"job_name": "newsalert", "static_configs": [{"targets": [f"127.0.0.1:{worker.port}"]}]}
                ],
            }
        )
    )
    process = subprocess.Popen(
        [
            prometheus,
            f"--config.file={tmp_path / 'prometheus.yml'}",
            f"--storage.tsdb.path={tmp_path / 'data'}",
            f"--web.listen-address=127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        articles = [
            {
                "title": f"Rebels seize Hama ({i})",
                "body": "Fighters seized Hama after the army withdrew.",
                "url": f"https://news.example.org/prometheus/{i}",
                "source": "Prometheus Wire",
            }
            for i in range(3)
        ]
        assert httpx.post(worker.url + "/articles", json=articles).status_code == 202
        query = 'sum(newsalert_articles_total{source="Prometheus Wire",outcome="matched"})'
        deadline = time.monotonic() + 60
        value = None
        while time.monotonic() < deadline:
            try:
                result = httpx.get(f"http://127.0.0.1:{port}/api/v1/query", params={"query": query}).json()
                if result["data"]["result"]:
                    value = float(result["data"]["result"][0]["value"][1])
                    if value == 3:
                        break
            except (httpx.HTTPError, ValueError):  # not listening yet, or still starting
                pass
            time.sleep(0.5)
        assert value == 3
    finally:
        process.terminate()
        process.wait(10)


def newsalert_lines(scrape: str) -> str:
    """The lines of ``scrape`` about newsalert_* families (their HELP, TYPE and samples)."""
    kept = [
        line for line in scrape.splitlines()
        if re.match(r"(# (HELP|TYPE) )?newsalert_", line)
    ]  # fmt: skip
    return "\n".join(kept) + "\n"


def test_promtool_accepts_every_newsalert_metric_of_a_live_scrape(worker: Worker) -> None:
    promtool = tool("promtool")
    # Faust's counters are named without _total and its sensor's names are fixed; only ours are checked.
    articles = [
        {
            "title": "Rebels seize Hama",
            "body": "Fighters seized Hama after the army withdrew.",
            "url": "https://news.example.org/promtool/1",
            "source": "Promtool Wire",
        }
    ]
    assert httpx.post(worker.url + "/articles", json=articles).status_code == 202
    deadline = time.monotonic() + 30
    while "Promtool Wire" not in (scrape := httpx.get(worker.url + "/metrics").text):
        assert time.monotonic() < deadline, "the article never showed in newsalert_articles_total"
        time.sleep(0.3)
    assert "_created" not in scrape, "prometheus-client's _created series are exported; they should be off"
    ours = newsalert_lines(scrape)
    assert re.search(r"^newsalert_match_seconds_bucket", ours, re.M)  # samples, not just HELP and TYPE
    done = subprocess.run([promtool, "check", "metrics"], input=ours, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and not done.stdout.strip() and not done.stderr.strip(), (
        f"promtool check metrics rejects newsalert metrics:\n{done.stdout}{done.stderr}"
    )
