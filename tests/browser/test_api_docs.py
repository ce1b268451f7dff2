"""The API's docs page, served by the app itself (no CDN), works under the strict CSP."""

from __future__ import annotations

from playwright.sync_api import Browser, ConsoleMessage, expect


def test_the_api_docs_render_from_our_own_files_within_the_csp(
    browser: Browser, live_server: object
) -> None:
    page = browser.new_page(base_url=str(live_server))
    refused: list[str] = []
    outside: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            refused.append(message.text)

    page.on("console", on_console)
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith((str(live_server), "data:"))
            else outside.append(request.url)
        ),
    )
    answer = page.goto("/api/v1/docs")
    assert answer is not None and answer.ok
    assert "script-src 'self'" in (answer.headers.get("content-security-policy") or "")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Waspada partner API")
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    expect(page.get_by_text("/api/v1/recommendations").first).to_be_visible()
    assert refused == []
    assert outside == []
