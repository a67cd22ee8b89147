"""The pages in a real browser: headless Chromium (Debian's, scripts/install-chromium) driven by Selenium.

It opens an entity page and the query page of a running ``spacecoop serve``, runs a library query from the
page and reads the results table, checks that nothing was loaded from another site, and saves screenshots
(to ``$SPACECOOP_SCREENSHOTS`` when set, else the test's temporary folder). Where Chromium or its driver is
missing the tests are skipped — unless ``SPACECOOP_REQUIRE_BROWSER`` is set, as CI sets it: then they fail.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.server]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="module")
def browser():
    if not (CHROMIUM and DRIVER):
        if os.environ.get("SPACECOOP_REQUIRE_BROWSER"):
            pytest.fail("Chromium or chromedriver is missing: run scripts/install-chromium")
        pytest.skip("Chromium or chromedriver is missing (scripts/install-chromium installs them)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,1600",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("SPACECOOP_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _only_this_origin(driver, base: str) -> list[str]:
    """Resources the page loaded from anywhere but the server."""
    names = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    return [name for name in names if not name.startswith(base)]


def test_the_entity_page_in_a_browser(browser, web_server, shots):
    from selenium.webdriver.common.by import By

    browser.get(web_server.url + "/id/org/esa")
    assert browser.current_url == web_server.url + "/id/org/esa.html"  # the 303, followed
    assert browser.find_element(By.TAG_NAME, "h1").text == "European Space Agency"
    events = browser.find_elements(By.CSS_SELECTOR, "ol.timeline li.event")
    assert events and events[0].find_elements(By.TAG_NAME, "blockquote")
    assert browser.find_element(By.CSS_SELECTOR, "figure.network svg").size["width"] > 100
    browser.save_screenshot(str(shots / "entity-esa.png"))
    partner = browser.find_element(By.CSS_SELECTOR, "ul.participants a[href='/id/org/npolo']")
    partner.click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "NPO Lavochkin"
    assert _only_this_origin(browser, web_server.url) == []


def test_the_query_page_runs_a_library_query(browser, web_server, shots):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(web_server.url + "/query")
    wait = WebDriverWait(browser, 60)
    wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "#yasgui .CodeMirror")))
    browser.find_element(By.CSS_SELECTOR, "button.load[data-name='partners']").click()
    rows = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#yasgui .yasr table tbody tr") or False)
    assert len(rows) >= 2
    headers = [h.text.strip() for h in browser.find_elements(By.CSS_SELECTOR, "#yasgui .yasr table thead th")]
    assert "partner" in " ".join(headers)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#yasgui .yasr table tbody a[href^='/id/org/']"))
    query = browser.execute_script("return document.querySelector('#yasgui .CodeMirror').CodeMirror.getValue()")
    assert "VALUES ?org" in query and "#+ summary:" in query
    browser.save_screenshot(str(shots / "query-partners.png"))
    assert _only_this_origin(browser, web_server.url) == []
