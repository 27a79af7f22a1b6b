"""Headless Chromium for the project's browser checks (tests/test_browser.py, tools/check_site.py): where Debian's
`chromium` and `chromium-driver` put it (`make browser-deps`), the flags a machine without internet needs, and one
way to start it."""
from pathlib import Path

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
# a closed network: without the background-networking flags Chromium keeps trying Google's hosts
CHROME_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000")


def chromium_driver():
    "A Selenium driver of headless Chromium that records the browser console (no Selenium Manager: offline)."
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROME_FLAGS: options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
