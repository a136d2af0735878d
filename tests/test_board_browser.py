"""The situation board in a real browser: Debian's headless Chromium, driven by Selenium through chromedriver.

A worker with the shipped rules gets the demo articles (samples/); the test loads the board, finds the Homs
story and its Arabic evidence, filters, acknowledges the story, and saves a screenshot in its tmp directory.
Skipped, saying why, only where Chromium or its driver is not installed (`make test-deps` installs them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from streams.harness import ROOT, WorkerProcess, newsalert
from tests.workers import running_worker

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
WAIT = 30.0

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="Chromium and chromedriver are not installed (make test-deps installs Debian's chromium and chromium-driver)",
)


@pytest.fixture
def browser() -> Iterator[Any]:
    # Selenium Manager would download a driver when it finds none: it is told where both are, and offline.
    os.environ["SE_OFFLINE"] = "true"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def homs_story(worker: WorkerProcess) -> dict[str, Any] | None:
    answer = httpx.get(worker.url + "/stories", params={"place": "homs"}, timeout=10).json()
    return next(iter(answer["stories"]), None)


def test_the_board_shows_the_homs_story_filters_and_acknowledges_it(
    kafka: str, tmp_path: Path, browser: Any, record_property: Any
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    with running_worker(kafka, "browser.", tmp_path) as worker:
        ingest = newsalert(
            # dated now: the samples' own dates (December 2024) would make them stale, opening no story
            "ingest",
            "--dated-now",
            str(ROOT / "samples"),
            env=worker.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        _, err = ingest.communicate(timeout=120)
        assert ingest.returncode == 0, err
        deadline = time.monotonic() + 60
        while not ((story := homs_story(worker)) and story["source_count"] >= 2):
            assert time.monotonic() < deadline, "no Homs story with two sources on /stories"
            time.sleep(0.5)

        wait = WebDriverWait(browser, WAIT)
        browser.get(worker.url + "/")
        card = f'#stories li.story[data-id="{story["id"]}"]'
        wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, card))
        title = browser.find_element(By.CSS_SELECTOR, card + " h3").text
        assert title.startswith("Homs:")
        # the Arabic evidence, its matched words highlighted, in an element whose direction follows its text
        marks = browser.find_elements(By.CSS_SELECTOR, card + " .evidence mark")
        arabic = [m for m in marks if "حمص" in m.text]
        assert arabic, [m.text for m in marks]
        assert arabic[0].find_element(By.XPATH, "..").get_attribute("dir") == "auto"
        # the control map drew Homs, changed while watched, and the table lists it
        wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, '#map g.place.changed[data-place="homs"]'))
        assert any("Homs" in row.text for row in browser.find_elements(By.CSS_SELECTOR, "#places tbody tr.changed"))
        stories_before = len(browser.find_elements(By.CSS_SELECTOR, "#stories li.story"))
        assert stories_before > 1

        # filter by place: only the Homs story is left, and the filter is in the address
        Select(browser.find_element(By.CSS_SELECTOR, "#filters select[name=place]")).select_by_value("homs")
        wait.until(lambda b: len(b.find_elements(By.CSS_SELECTOR, "#stories li.story")) == 1)
        assert browser.find_elements(By.CSS_SELECTOR, card) and "place=homs" in browser.current_url
        # a severity no story has empties the list
        Select(browser.find_element(By.CSS_SELECTOR, "#filters select[name=severity]")).select_by_value("info")
        wait.until(lambda b: not b.find_elements(By.CSS_SELECTOR, "#stories li.story"))
        Select(browser.find_element(By.CSS_SELECTOR, "#filters select[name=severity]")).select_by_value("")
        wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, card))

        # acknowledge it from the page: the worker keeps it, and the page shows it without a reload
        browser.find_element(By.CSS_SELECTOR, card + " button.ack-button").click()
        wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, card + " .badge.ack"))
        acknowledged = homs_story(worker)
        assert acknowledged is not None and acknowledged["acknowledged"]

        screenshot = tmp_path / "board.png"
        assert browser.save_screenshot(str(screenshot))
        record_property("report_board_screenshot", str(screenshot))
        errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
        assert errors == [], errors  # no script error, no asset missing
