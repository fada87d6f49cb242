import Foundation
import UIKit
import WebKit

/// Prints the core's report page to a paginated A4 PDF with the platform's print renderer:
/// WebKit lays out the page (inline CSS and SVG chart, print styles included) and
/// `UIPrintPageRenderer` cuts it into pages. The page is self-contained, so nothing is fetched.
@MainActor
final class ReportPrinter: NSObject, WKNavigationDelegate {
    enum Failure: LocalizedError {
        case layout(String)

        var errorDescription: String? {
            switch self {
            case .layout(let detail): return "The report page could not be laid out for printing (\(detail))."
            }
        }
    }

    /// A4 in points, with 1.5 cm margins.
    private static let paper = CGRect(x: 0, y: 0, width: 595.2, height: 841.8)
    private static let margin: CGFloat = 42

    /// Kept while laying out (WebKit does not retain its delegate or itself).
    private var webView: WKWebView?
    private var loaded: CheckedContinuation<Void, Error>?

    /// The PDF of `html`, one page per A4 sheet.
    func pdf(html: String) async throws -> Data {
        let webView = WKWebView(frame: Self.paper)
        self.webView = webView
        defer { self.webView = nil }
        webView.navigationDelegate = self
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
            loaded = continuation
            webView.loadHTMLString(html, baseURL: nil)
        }
        let renderer = PageRenderer(paper: Self.paper, margin: Self.margin)
        renderer.addPrintFormatter(webView.viewPrintFormatter(), startingAtPageAt: 0)
        return renderer.pdf()
    }

    func webView(_ webView: WKWebView, didFinish navigation: WKNavigation!) {
        loaded?.resume()
        loaded = nil
    }

    func webView(_ webView: WKWebView, didFail navigation: WKNavigation!, withError error: Error) {
        loaded?.resume(throwing: Failure.layout(error.localizedDescription))
        loaded = nil
    }

    func webView(_ webView: WKWebView, didFailProvisionalNavigation navigation: WKNavigation!, withError error: Error) {
        loaded?.resume(throwing: Failure.layout(error.localizedDescription))
        loaded = nil
    }
}

/// A print renderer with a fixed paper size (the system's own is only set while printing).
private final class PageRenderer: UIPrintPageRenderer {
    private let paper: CGRect
    private let margin: CGFloat

    init(paper: CGRect, margin: CGFloat) {
        self.paper = paper
        self.margin = margin
        super.init()
    }

    override var paperRect: CGRect { paper }
    override var printableRect: CGRect { paper.insetBy(dx: margin, dy: margin) }

    /// Draws every page into PDF data.
    func pdf() -> Data {
        let data = NSMutableData()
        UIGraphicsBeginPDFContextToData(data, paper, nil)
        prepare(forDrawingPages: NSRange(location: 0, length: numberOfPages))
        let bounds = UIGraphicsGetPDFContextBounds()
        for page in 0..<numberOfPages {
            UIGraphicsBeginPDFPage()
            drawPage(at: page, in: bounds)
        }
        UIGraphicsEndPDFContext()
        return data as Data
    }
}
