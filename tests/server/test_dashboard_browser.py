"""The dashboard in real headless Chromium (Debian's chromium + chromedriver, driven by Selenium) against the
real server on 127.0.0.1: load, filter the table, open an event's evidence, paste a story and see its events.
Screenshots go to tests/server/artifacts/."""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
ARTIFACTS = Path(__file__).with_name("artifacts")
# This machine has no network: keep Chromium from trying to reach anything.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1400,1000",
]
COUNTRIES = ["USA", "RUS", "UKR", "CHN", "DEU", "FRA", "GBR", "IRN", "ISR", "TUR", "IND", "PAK"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
        reason="needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)",
    ),
]


def add_background_events(db: Path, n: int = 400) -> None:
    """Events among a dozen countries (events table only), so that the network view has something to show."""
    rng = random.Random(7)
    rows = []
    for i in range(n):
        src, tgt = rng.sample(COUNTRIES[:8] if i % 3 else COUNTRIES, 2)
        quad = rng.choice([1, 1, 2, 3, 4, 4] if {src, tgt} & {"RUS", "IRN"} else [1, 1, 2, 2, 3])
        gs = {1: 3.0, 2: 7.0, 3: -2.0, 4: -9.0}[quad] + rng.uniform(-1, 1)
        day = date(2024, 1, 1) + timedelta(days=rng.randrange(150))
        rows.append((f"bg{i}", src, src, tgt, tgt, f"{quad}0", quad, gs, day.isoformat(), day, 1 + i % 3))
    con = duckdb.connect(str(db))
    try:
        con.executemany(
            "INSERT INTO events (id, source_code, source_country, target_code, target_country, cameo, "
            "quad_class, goldstein, date, event_date, num_mentions, num_articles, num_sources, cameo_root, "
            "mode) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, left(?, 2), 'asserted')",
            [r + (r[5],) for r in rows],
        )
    finally:
        con.close()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[webdriver.Chrome]:
    options = Options()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS + [f"--user-data-dir={tmp_path / 'chromium-profile'}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def _shot(driver, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    driver.save_screenshot(str(path))
    return path


def _wait(driver, timeout: float = 15) -> WebDriverWait:
    return WebDriverWait(driver, timeout)


def _console_errors(driver) -> list[str]:
    try:
        return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    except Exception:  # not every driver exposes the log
        return []


def test_dashboard_end_to_end(store_path: Path, live_server, fake_coder, browser) -> None:
    add_background_events(store_path)
    base = live_server(store_path, coder_factory=lambda: fake_coder)
    wait = _wait(browser)

    # 1. Load: the network view draws edges and nodes from /network.
    browser.get(base + "/")
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#network-svg path.edge")) > 10)
    nodes = browser.find_elements(By.CSS_SELECTOR, "#network-svg g.node")
    assert {n.get_attribute("data-id") for n in nodes} >= {"RUS", "UKR", "USA"}
    wait.until(lambda d: "events" in d.find_element(By.ID, "store-status").text)
    assert dashboard_png_ok(_shot(browser, "dashboard.png"))

    # Clicking an edge opens that dyad's timeline.
    edge = browser.find_element(By.CSS_SELECTOR, "#network-svg path.edge")
    a, b = edge.get_attribute("data-source"), edge.get_attribute("data-target")
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", edge)
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#timeline-charts svg.chart")) == 2)
    assert f"{a} → {b}" in browser.find_element(By.ID, "timeline-charts").text
    assert browser.find_elements(By.CSS_SELECTOR, "#timeline-charts rect.bar")
    _shot(browser, "timeline.png")

    # 2. Filter the event table.
    browser.find_element(By.CSS_SELECTOR, "#tabs a[data-view=events]").click()
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#events-table tbody tr")) == 50)
    source = browser.find_element(By.CSS_SELECTOR, "#events-form input[name=source]")
    source.send_keys("RUSMIL")
    browser.find_element(By.ID, "events-apply").click()
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#events-table tbody tr")) == 1)
    row = browser.find_element(By.CSS_SELECTOR, "#events-table tbody tr")
    assert "RUSMIL" in row.text and "shelled" in row.text
    assert browser.find_element(By.ID, "events-summary").text.startswith("1 event;")
    _shot(browser, "events.png")

    # 3. Open the event's evidence: the article with actor and trigger highlighted, for both mentions.
    row.click()
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#evidence .mention mark.hl-trigger")) == 2)
    triggers = browser.find_elements(By.CSS_SELECTOR, "#evidence .mention mark.hl-trigger")
    assert {t.text for t in triggers} == {"shelled"}
    assert "Russian forces" in {
        m.text for m in browser.find_elements(By.CSS_SELECTOR, "#evidence .mention mark.hl-source")
    }
    assert "Ukraine" in {
        m.text for m in browser.find_elements(By.CSS_SELECTOR, "#evidence .mention mark.hl-target")
    }
    assert "RUSMIL → UKR" in browser.find_element(By.ID, "evidence-title").text
    _shot(browser, "evidence.png")

    # 4. Paste a story and see its events.
    browser.find_element(By.CSS_SELECTOR, "#tabs a[data-view=code]").click()
    text = browser.find_element(By.ID, "code-text")
    wait.until(ec.visibility_of(text))
    text.send_keys("Russia attacked Ukraine on Monday. Talks went on in the capital. Iran attacked Israel.")
    browser.find_element(By.ID, "code-submit").click()
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#code-table tbody tr")) == 2)
    coded = browser.find_element(By.ID, "code-table").text
    assert "RUS" in coded and "UKR" in coded and "190" in coded and "ISR" in coded
    assert browser.find_element(By.ID, "code-summary").text.startswith("2 events")
    assert browser.find_elements(By.CSS_SELECTOR, "#code-table mark.hl-trigger")
    _shot(browser, "code.png")
    assert fake_coder.calls == 1
    assert not _console_errors(browser)


def test_dashboard_shows_api_errors_as_messages(store_path: Path, live_server, fake_coder, browser) -> None:
    base = live_server(store_path, token="s3cret", coder_factory=lambda: fake_coder)
    browser.get(base + "/#code")
    text = _wait(browser).until(ec.visibility_of_element_located((By.ID, "code-text")))
    text.send_keys("Russia attacked Ukraine.")
    browser.find_element(By.ID, "code-submit").click()
    message = _wait(browser).until(ec.visibility_of_element_located((By.ID, "message")))
    assert "token" in message.text
    browser.get(base + "/#event/no-such-event")
    _wait(browser).until(lambda d: "no event with id" in d.find_element(By.ID, "message").text)
    assert fake_coder.calls == 0


def dashboard_png_ok(path: Path) -> bool:
    data = path.read_bytes()
    return data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


def test_paste_a_story_with_the_real_coder(store_path: Path, live_server, browser) -> None:
    pytest.importorskip("eventwire.pipeline")
    base = live_server(
        store_path
    )  # the default coder: spaCy and the dictionaries, built on the first request
    browser.get(base + "/#code")
    text = _wait(browser).until(ec.visibility_of_element_located((By.ID, "code-text")))
    text.send_keys(
        "Russian troops attacked Ukrainian positions near Kharkiv on Monday, the Ukrainian military said. "
        "Germany pledged new military aid to Ukraine on Tuesday."
    )
    browser.find_element(By.ID, "code-published").send_keys(
        "05012024"
    )  # typed as the date input's mm/dd/yyyy
    browser.find_element(By.ID, "code-submit").click()
    _wait(browser, 90).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#code-table tbody tr"))
    table = browser.find_element(By.ID, "code-table").text
    assert "RUS" in table and "UKR" in table
    assert browser.find_elements(By.CSS_SELECTOR, "#code-table mark.hl-trigger")
    _shot(browser, "code-real-coder.png")
