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

from streams.broker import free_port
from tests.workers import ROOT, Worker, running_worker

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


def test_compose_file_is_valid_and_everything_it_mounts_exists() -> None:
    run(sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.compose-spec", "docker-compose.yml")
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
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
    env_example = (ROOT / ".env.example").read_text()
    for variable in re.findall(r"\$\{([A-Z_]{4,})\}", (DEPLOY / "newsalert.yaml").read_text()):
        assert variable in env_example, f"{variable} is used in deploy/newsalert.yaml but not in .env.example"


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

    walk(json.loads(DASHBOARD.read_text()))
    for path in RULES.glob("*.yml"):
        if path.name.endswith(".test.yml"):
            continue
        for group in yaml.safe_load(path.read_text())["groups"]:
            queries["rules"] += [rule["expr"] for rule in group["rules"]]
    pattern = re.compile(r"\b((?:newsalert|faust)_[a-zA-Z0-9_]+)")
    return {where: {m for q in found for m in pattern.findall(q)} for where, found in queries.items()}


def test_every_metric_of_the_dashboard_and_rules_is_exported(worker: Worker) -> None:
    exported = exported_families(httpx.get(worker.url + "/metrics").text)
    used = used_metrics()
    assert used["dashboard"] and used["rules"]
    for where, names in used.items():
        assert names <= exported, f"{where} uses metrics the worker does not export: {sorted(names - exported)}"


def test_a_real_prometheus_scrapes_the_worker(worker: Worker, tmp_path: Path) -> None:
    prometheus = tool("prometheus")
    port = free_port()
    (tmp_path / "prometheus.yml").write_text(yaml.safe_dump({
        "global": {"scrape_interval": "1s"},
        "scrape_configs": [{"job_name": "newsalert", "static_configs": [{"targets": [f"127.0.0.1:{worker.port}"]}]}],
    }))
    process = subprocess.Popen(
        [prometheus, f"--config.file={tmp_path / 'prometheus.yml'}", f"--storage.tsdb.path={tmp_path / 'data'}",
         f"--web.listen-address=127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        articles = [{"title": f"Rebels seize Hama ({i})", "body": "Fighters seized Hama after the army withdrew.",
                     "url": f"https://news.example.org/prometheus/{i}", "source": "Prometheus Wire"} for i in range(3)]
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
    articles = [{"title": "Rebels seize Hama", "body": "Fighters seized Hama after the army withdrew.",
                 "url": "https://news.example.org/promtool/1", "source": "Promtool Wire"}]
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
