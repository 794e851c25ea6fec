// test_markdown_inert.cpp — a reply's Markdown is shown as written and loads nothing (app/gui/markdown_inert.h):
// markTags on its own, and MarkdownSegment.qml (the prose of a reply, loaded from the source tree as the module
// RwkvDesktop; $RWKV_QML_DIR: another copy, e.g. an older commit's, to see it fail there) laid out and drawn
// offscreen. Before session 30 "std::vector<int>" cut a reply off at the tag, an image of a named pipe froze the GUI
// thread in open() and an http image was fetched (the trial's A1, A6, A2).
#include <QClipboard>
#include <QDesktopServices>
#include <QGuiApplication>
#include <QNetworkAccessManager>
#include <QPalette>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickTextDocument>
#include <QQuickWindow>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QtTest>

#include <atomic>
#include <chrono>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

#include "http_test_server.h"
#include "markdown_inert.h"
#include "qml_test_module.h"

namespace {

/// Opens `path` (a named pipe) for writing whenever a reader holds it open, until destroyed: a reader blocked in
/// open() — the segment's GUI thread, before the fix — returns at once (the test cannot hang there) and `opened`
/// says it happened. (Opening for writing without blocking fails while no reader has the pipe open.)
class PipeWatch {
public:
    explicit PipeWatch(QByteArray path) : path_(std::move(path)), thread_([this] { run(); }) {}
    ~PipeWatch() {
        stop_ = true;
        thread_.join();
    }
    bool opened() const { return opened_; }

private:
    void run() {
        while (!stop_) {
            if (const int fd = ::open(path_.constData(), O_WRONLY | O_NONBLOCK); fd >= 0) {
                opened_ = true;
                ::close(fd);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }
    QByteArray path_;
    std::atomic<bool> stop_{false};
    std::atomic<bool> opened_{false};
    std::thread thread_;
};

/// A MarkdownSegment 600 px wide in a window of its own (show()).
struct Shown {
    QQuickWindow window;
    std::unique_ptr<QObject> object;
    QQuickItem* segment = nullptr;
    QTextDocument* doc = nullptr;
};

/// Shows `markdown` in `shown`, laid out and drawn (the window grabbed); false when it cannot be made.
bool show(QQmlEngine& engine, Shown& shown, const QString& markdown) {
    shown.window.resize(600, 400);
    shown.segment = rwkv::test::showItem(engine, shown.window, shown.object, "MarkdownSegment { width: 600 }",
                                         {{"markdown", markdown}});
    auto* text = shown.segment ? shown.segment->property("textDocument").value<QQuickTextDocument*>() : nullptr;
    shown.doc = text ? text->textDocument() : nullptr;
    if (shown.doc) shown.window.grabWindow();
    return shown.doc;
}

/// The images left in `doc` (object characters with an image format).
int imagesIn(const QTextDocument& doc) {
    int images = 0;
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next())
        for (auto it = b.begin(); !it.atEnd(); ++it)
            if (it.fragment().charFormat().isImageFormat()) images += it.fragment().length();
    return images;
}

/// The link that the text `shown` is in `doc` ("" when it is no link, "?" when it is not found).
QString linkOf(const QTextDocument& doc, const QString& shown) {
    const QTextCursor found = doc.find(shown);
    if (found.isNull()) return QStringLiteral("?");
    QTextCursor at(const_cast<QTextDocument*>(&doc));
    at.setPosition(found.selectionStart() + 1);
    return at.charFormat().isAnchor() ? at.charFormat().anchorHref() : QString();
}

/// Where the middle of the shown text `shown` is in `shown`'s window (scene coordinates); (-1, -1) when not found.
QPointF pointAt(const Shown& at, const QString& shown) {
    const QTextCursor found = at.doc->find(shown);
    if (found.isNull()) return {-1, -1};
    const int position = (found.selectionStart() + found.selectionEnd()) / 2;
    const QTextBlock block = at.doc->findBlock(position);
    const QTextLayout* const layout = block.layout();
    const QTextLine line = layout->lineForTextPosition(position - block.position());
    const QPointF inDoc = layout->position() + QPointF(line.cursorToX(position - block.position()), line.y() + line.height() / 2);
    return at.segment->mapToScene(inDoc + QPointF(at.segment->property("leftPadding").toReal(),
                                                 at.segment->property("topPadding").toReal()));
}

/// Stands for the desktop's programs in QDesktopServices::setUrlHandler: records each address it is handed.
class UrlRecorder : public QObject {
    Q_OBJECT
public:
    QStringList urls;
public slots:
    void open(const QUrl& url) { urls << url.toString(); }
};

}  // namespace

class TestMarkdownInert : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void markTags_data();
    void markTags();
    void segmentShowsTheTextAsWritten_data();
    void segmentShowsTheTextAsWritten();
    void segmentLoadsNoImage();
    void rawHtmlImageAfterALinkLikeTextIsALink();
    void deepQuoteStaysInTheBubble();
    void opensOnTheDesktop_data();
    void opensOnTheDesktop();
    void onlyWebLinksAreOpened();
    void linkNoteTakesNoClicks();
    void webLinkNoProgramOpensIsCopied();
    void linksTakeTheThemesColour();

private:
    QTemporaryDir modules_;  // RwkvDesktop/: the app's QML files and a qmldir
    QQmlEngine engine_;
};

void TestMarkdownInert::initTestCase() {
    const QString failed = rwkv::test::installQmlModule(modules_, engine_);
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
}

void TestMarkdownInert::markTags_data() {
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<QString>("expected");  // "|" stands for the mark
    QTest::newRow("type") << QStringLiteral("a std::vector<int> b") << QStringLiteral("a std::vector<|int> b");
    QTest::newRow("tags") << QStringLiteral("<br> </p> <!-- c --> <?x?>") << QStringLiteral("<|br> <|/p> <|!-- c --> <|?x?>");
    QTest::newRow("code span") << QStringLiteral("`List<T>`") << QStringLiteral("`List<|T>`");
    QTest::newRow("less than") << QStringLiteral("a < b, 1<2, <=") << QStringLiteral("a < b, 1<2, <=");
    QTest::newRow("autolinks") << QStringLiteral("<https://e.org/a?b=1> <me@e.org>")
                               << QStringLiteral("<https://e.org/a?b=1> <me@e.org>");
    QTest::newRow("link destination") << QStringLiteral("[a](<b c.html>) and\n[r]: <d e.html>")
                                      << QStringLiteral("[a](<b c.html>) and\n[r]: <d e.html>");
    QTest::newRow("tag after autolink") << QStringLiteral("<http://e.org><b>") << QStringLiteral("<http://e.org><|b>");
    QTest::newRow("at the end") << QStringLiteral("x <") << QStringLiteral("x <");
    QTest::newRow("image without alt") << QStringLiteral("![](a.png) ![b](c.png) [](d)")
                                       << QStringLiteral("!|[|](a.png) !|[b](c.png) [](d)");
}

void TestMarkdownInert::markTags() {
    QFETCH(QString, markdown);
    QFETCH(QString, expected);
    QCOMPARE(rwkv::gui::markTags(markdown), QString(expected).replace(u'|', QChar(0x2060)));
}

void TestMarkdownInert::segmentShowsTheTextAsWritten_data() {
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<QString>("expected");  // the document's text (paragraphs on lines)
    // The trial's replies (/tmp/t30/angle.json, angle2.json).
    QTest::newRow("vector<int>")
        << QStringLiteral("In C++, a std::vector<int> holds ints. After that line, this sentence should be visible.\n\n"
                          "Second paragraph: VISIBLE-2.")
        << QStringLiteral("In C++, a std::vector<int> holds ints. After that line, this sentence should be visible.\n"
                          "Second paragraph: VISIBLE-2.");
    QTest::newRow("<br>") << QStringLiteral("Use the <br> tag to break a line.\n\nSecond paragraph: VISIBLE-3.")
                          << QStringLiteral("Use the <br> tag to break a line.\nSecond paragraph: VISIBLE-3.");
    QTest::newRow("<Enter>") << QStringLiteral("Press <Enter> to continue. VISIBLE-D")
                             << QStringLiteral("Press <Enter> to continue. VISIBLE-D");
    QTest::newRow("fn id<T>") << QStringLiteral("fn id<T>(x: T) -> T returns x. VISIBLE-E")
                              << QStringLiteral("fn id<T>(x: T) -> T returns x. VISIBLE-E");
    QTest::newRow("html blocks")
        << QStringLiteral("<script>alert(1)</script> VISIBLE-F\n\n<style>p{}</style> VISIBLE-G")
        << QStringLiteral("<script>alert(1)</script> VISIBLE-F\n<style>p{}</style> VISIBLE-G");
    QTest::newRow("code span") << QStringLiteral("Use `Map<K, V>` and `![](x)` here.")
                               << QStringLiteral("Use Map<K, V> and ![](x) here.");
    QTest::newRow("html image") << QStringLiteral("<img src=\"http://127.0.0.1:9/x.png\"> after")
                                << QStringLiteral("<img src=\"http://127.0.0.1:9/x.png\"> after");
    QTest::newRow("autolink") << QStringLiteral("See <https://e.org/a> now.") << QStringLiteral("See https://e.org/a now.");
    QTest::newRow("lines and emphasis") << QStringLiteral("**bold** <b>x</b>\nnext line")
                                        << QStringLiteral("bold <b>x</b>\nnext line");
}

// MarkdownSegment shows each text whole, as written, and links still link.
void TestMarkdownInert::segmentShowsTheTextAsWritten() {
    QFETCH(QString, markdown);
    QFETCH(QString, expected);
    Shown shown;
    QVERIFY(show(engine_, shown, markdown));
    QTextDocument* const doc = shown.doc;
    QCOMPARE(doc->toPlainText(), expected);
    if (markdown.contains(QStringLiteral("<https://e.org/a>")))
        QCOMPARE(linkOf(*doc, QStringLiteral("https://e.org/a")), QStringLiteral("https://e.org/a"));
}

// Images of a named pipe, of a file and of a loopback server: none is opened or fetched; each is shown as a link to its
// address (its alt text, else the address), the text after it is shown.
void TestMarkdownInert::segmentLoadsNoImage() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString pipe = dir.filePath(QStringLiteral("img.fifo"));
    QCOMPARE(::mkfifo(QFile::encodeName(pipe).constData(), 0600), 0);
    const QString file = dir.filePath(QStringLiteral("pic.png"));
    QImage picture(4, 4, QImage::Format_RGB32);
    picture.fill(Qt::red);
    QVERIFY(picture.save(file));
    HttpTestServer server(QHostAddress::LocalHost);
    QVERIFY(server.listen());
    QFile png(file);
    QVERIFY(png.open(QIODevice::ReadOnly));
    server.setFile("/img.png", png.readAll(), "image/png");
    const QString web = server.url("/img.png").toString();
    const QString fifoUrl = QUrl::fromLocalFile(pipe).toString(), fileUrl = QUrl::fromLocalFile(file).toString();
    const QString markdown = QStringLiteral("a picture: ![pipe](%1) and more text after it\n\n![](%2) file\n\n"
                                            "web: ![web image](%3) end")
                                 .arg(fifoUrl, fileUrl, web);
    PipeWatch watch(QFile::encodeName(pipe));
    Shown shown;
    QVERIFY(show(engine_, shown, markdown));  // laid out and drawn: an image left would be loaded now
    QTextDocument* const doc = shown.doc;
    QCoreApplication::processEvents();
    shown.window.grabWindow();
    qInfo("shown: %s; pipe opened: %d", qPrintable(doc->toPlainText()), int(watch.opened()));
    QVERIFY(!watch.opened());
    QCOMPARE(imagesIn(*doc), 0);
    QCOMPARE(doc->toPlainText(), QStringLiteral("a picture: pipe and more text after it\n%1 file\nweb: web image end")
                                     .arg(fileUrl));
    QCOMPARE(linkOf(*doc, QStringLiteral("pipe")), fifoUrl);
    QCOMPARE(linkOf(*doc, fileUrl), fileUrl);
    QCOMPARE(linkOf(*doc, QStringLiteral("web image")), web);
    // A request of the test's own, made now and awaited: an image fetched on display (from the layout, before) has
    // reached the server first.
    server.setFile("/after", "x");
    QNetworkAccessManager network;
    const std::unique_ptr<QNetworkReply> after(network.get(QNetworkRequest(server.url("/after"))));
    const auto paths = [&] {
        QStringList out;
        for (const SeenRequest& request : server.requests) out << QString::fromUtf8(request.path);
        return out;
    };
    QTRY_VERIFY(paths().contains(QStringLiteral("/after")));
    QCOMPARE(paths(), QStringList{QStringLiteral("/after")});
}

// showTagsAndImages' image path (asLink) after c0deab4, which keeps md4c from reading any "![" as an image: raw HTML
// that markTags leaves unmarked, since it follows "](" or "]: " as a link's <destination> would, is read as HTML
// where no link is there (no "[" before "](", "]: " inside a line). Qt's reader then makes an <img> an image — shown
// by Qt's own reader with markTags' text (the path is reached) — and the segment shows it as a link to its address,
// fetching nothing.
void TestMarkdownInert::rawHtmlImageAfterALinkLikeTextIsALink() {
    HttpTestServer server(QHostAddress::LocalHost);
    QVERIFY(server.listen());
    server.setFile("/img.png", "not fetched", "image/png");
    const QString web = server.url("/img.png").toString();
    const QString markdown = QStringLiteral("one](<img src=\"%1\"/>) two\n\nthree ]: <img src=\"%1\"/> four").arg(web);
    QTextDocument read;  // as Qt reads markTags' text: two images
    read.setMarkdown(rwkv::gui::markTags(markdown));
    QCOMPARE(imagesIn(read), 2);
    Shown shown;
    QVERIFY(show(engine_, shown, markdown));  // laid out and drawn: an image left would be fetched now
    QCoreApplication::processEvents();
    QCOMPARE(imagesIn(*shown.doc), 0);
    QCOMPARE(shown.doc->toPlainText(), QStringLiteral("one](%1) two\nthree ]: %1 four").arg(web));
    QCOMPARE(linkOf(*shown.doc, web), web);
    server.setFile("/after", "x");  // the test's own request, awaited: an image fetched on display came first
    QNetworkAccessManager network;
    const std::unique_ptr<QNetworkReply> after(network.get(QNetworkRequest(server.url("/after"))));
    QTRY_COMPARE(server.requests.size(), 1);
    QCOMPARE(server.requests.constFirst().path, QByteArray("/after"));
}

// 3,000 nested quotes: drawn as 8 levels, the text inside the segment's width (the trial's N1).
void TestMarkdownInert::deepQuoteStaysInTheBubble() {
    Shown shown;
    QVERIFY(show(engine_, shown, QString(3000, u'>') + QStringLiteral(" deep quote")));
    QTextDocument* const doc = shown.doc;
    QQuickItem* const segment = shown.segment;
    QCOMPARE(doc->toPlainText(), QStringLiteral("deep quote"));
    QCOMPARE(doc->begin().blockFormat().intProperty(QTextFormat::BlockQuoteLevel), rwkv::gui::kMaxQuoteLevel);
    QTRY_COMPARE(segment->property("quoteBars").toList().size(), rwkv::gui::kMaxQuoteLevel);
    for (const QVariant& bar : segment->property("quoteBars").toList()) QVERIFY(bar.toRectF().right() < 600);
    const QTextLayout* const text = doc->begin().layout();
    QVERIFY(text && text->lineCount() == 1);
    const qreal right = text->position().x() + text->lineAt(0).naturalTextRect().right();
    qInfo("the quote's text ends at x %.0f", right);
    QVERIFY(right < 600);
}

void TestMarkdownInert::opensOnTheDesktop_data() {
    QTest::addColumn<QString>("link");
    QTest::addColumn<bool>("opens");
    QTest::newRow("https") << QStringLiteral("https://example.org/a?b=1#c") << true;
    QTest::newRow("http, capitals") << QStringLiteral("HTTP://Example.org") << true;
    QTest::newRow("spaces around") << QStringLiteral(" https://example.org/ ") << true;
    QTest::newRow("mailto") << QStringLiteral("mailto:me@example.org") << true;
    QTest::newRow("file") << QStringLiteral("file:///home/u/Downloads/x.desktop") << false;
    QTest::newRow("file, program") << QStringLiteral("file:///usr/bin/xterm") << false;
    QTest::newRow("smb") << QStringLiteral("smb://host/share") << false;
    QTest::newRow("javascript") << QStringLiteral("javascript:alert(1)") << false;
    QTest::newRow("custom scheme") << QStringLiteral("myapp://open?x=1") << false;
    QTest::newRow("ftp") << QStringLiteral("ftp://example.org/f") << false;
    QTest::newRow("data") << QStringLiteral("data:text/html,<b>x</b>") << false;
    QTest::newRow("relative") << QStringLiteral("x.desktop") << false;
    QTest::newRow("absolute path") << QStringLiteral("/usr/bin/xterm") << false;
    QTest::newRow("http without host") << QStringLiteral("http:///etc/passwd") << false;
    QTest::newRow("mailto without address") << QStringLiteral("mailto:") << false;
    QTest::newRow("empty") << QString() << false;
}

void TestMarkdownInert::opensOnTheDesktop() {
    QFETCH(QString, link);
    QFETCH(bool, opens);
    QCOMPARE(rwkv::gui::opensOnTheDesktop(link), opens);
}

// A click on a link in a reply: a web link reaches the desktop (here the recorder, for every scheme in the text), a
// file://, smb:// or custom-scheme link (also an image's, a link since session 30) does not: it is copied and the note
// says so. Before, every one was handed to Qt.openUrlExternally (xdg-open).
void TestMarkdownInert::onlyWebLinksAreOpened() {
    UrlRecorder desktop;
    const QStringList schemes{"file", "smb", "myapp", "https", "http", "mailto"};
    for (const QString& scheme : schemes) QDesktopServices::setUrlHandler(scheme, &desktop, "open");
    const auto unset = qScopeGuard([&] {
        for (const QString& scheme : schemes) QDesktopServices::unsetUrlHandler(scheme);
    });
    Shown shown;
    QVERIFY(show(engine_, shown, QStringLiteral("See [the docs](file:///home/u/Downloads/x.desktop), [the share]"
                                                "(smb://host/share), ![a picture](myapp://open) and [the site]"
                                                "(https://example.org/a).")));
    const auto click = [&](const QString& text) {
        const QPointF at = pointAt(shown, text);
        QTest::mouseMove(&shown.window, at.toPoint());
        QTest::mouseClick(&shown.window, Qt::LeftButton, Qt::NoModifier, at.toPoint());
    };
    click(QStringLiteral("the docs"));
    QTRY_VERIFY(!desktop.urls.isEmpty() || QGuiApplication::clipboard()->text().startsWith(u"file:"));
    QCOMPARE(desktop.urls, QStringList());
    QObject* const note = shown.segment->findChild<QObject*>(QStringLiteral("linkNote"));
    QVERIFY(note);
    QTRY_VERIFY(note->property("visible").toBool());
    QCOMPARE(note->property("text").toString(),
             QStringLiteral("Copied the link file:///home/u/Downloads/x.desktop — RWKV Desktop opens only web links."));
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("file:///home/u/Downloads/x.desktop"));
    click(QStringLiteral("the share"));
    QTRY_COMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("smb://host/share"));
    click(QStringLiteral("a picture"));
    QTRY_COMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("myapp://open"));
    click(QStringLiteral("the site"));
    QTRY_VERIFY(!desktop.urls.isEmpty());
    QCOMPARE(desktop.urls, QStringList{QStringLiteral("https://example.org/a")});
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("myapp://open"));
}

// The note of a copied link takes no click: a link on the line under it opens (before, session 30's note, the note was
// a ToolTip, a popup that took every press on its area for 5 s). A click on a link leaves nothing selected (before,
// the link's words stayed selected).
void TestMarkdownInert::linkNoteTakesNoClicks() {
    UrlRecorder desktop;
    QDesktopServices::setUrlHandler(QStringLiteral("https"), &desktop, "open");
    const auto unset = qScopeGuard([] { QDesktopServices::unsetUrlHandler(QStringLiteral("https")); });
    Shown shown;
    QVERIFY(show(engine_, shown, QStringLiteral("See [the docs](file:///home/u/x.desktop) first\nthen [the site]"
                                                "(https://example.org/b) second")));
    const auto click = [&](const QPointF& at) {
        QTest::mouseMove(&shown.window, at.toPoint());
        QTest::mouseClick(&shown.window, Qt::LeftButton, Qt::NoModifier, at.toPoint());
    };
    click(pointAt(shown, QStringLiteral("the docs")));
    auto* const note = shown.segment->findChild<QQuickItem*>(QStringLiteral("linkNote"));
    QVERIFY(note);
    QTRY_VERIFY(note->isVisible());
    QTRY_COMPARE(shown.segment->property("selectedText").toString(), QString());
    const QPointF site = pointAt(shown, QStringLiteral("the site")) + QPointF(0, 5);  // its line's lower half
    const QRectF noteArea(note->mapToScene(QPointF(0, 0)), note->size());
    qInfo("note at %.0f,%.0f %.0fx%.0f; the site at %.0f,%.0f", noteArea.x(), noteArea.y(), noteArea.width(),
          noteArea.height(), site.x(), site.y());
    QVERIFY(noteArea.contains(site));  // the note lies over the second line's link
    click(site);
    QTRY_COMPARE(desktop.urls, QStringList{QStringLiteral("https://example.org/b")});
    QTRY_COMPARE(shown.segment->property("selectedText").toString(), QString());
}

// A web link the desktop does not open (QDesktopServices::openUrl false: no browser, no xdg-open — here no URL handler
// and no xdg-open on PATH) is copied, and the note says so. Before (session 32's brief) the click did nothing and said
// nothing: the note stayed hidden (FAIL) and the clipboard kept what it held.
void TestMarkdownInert::webLinkNoProgramOpensIsCopied() {
    const QByteArray path = qgetenv("PATH");
    qputenv("PATH", QByteArrayLiteral("/nonexistent"));  // no xdg-open to start
    const auto restore = qScopeGuard([&] { qputenv("PATH", path); });
    QGuiApplication::clipboard()->setText(QStringLiteral("held before"));
    Shown shown;
    QVERIFY(show(engine_, shown, QStringLiteral("See [the site](https://example.org/c) now.")));
    const QPointF at = pointAt(shown, QStringLiteral("the site"));
    QTest::mouseMove(&shown.window, at.toPoint());
    QTest::mouseClick(&shown.window, Qt::LeftButton, Qt::NoModifier, at.toPoint());
    auto* const note = shown.segment->findChild<QQuickItem*>(QStringLiteral("linkNote"));
    QVERIFY(note);
    QTRY_VERIFY(note->isVisible());
    QCOMPARE(note->property("text").toString(),
             QStringLiteral("No browser opened the link https://example.org/c — it was copied: paste it into a browser."));
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("https://example.org/c"));
}

// A reply's links (an image's link too) are drawn in the theme's link colour, not in Qt's Markdown reader's palette
// blue (session 32's check, MED: #170bf4-ish on the dark theme's #262a31 bubble, 1.6:1); the rest of the text keeps
// the segment's colour.
void TestMarkdownInert::linksTakeTheThemesColour() {
    QQmlComponent theme(&engine_);
    theme.setData("import QtQuick\nimport RwkvDesktop\nQtObject { property color link: Theme.link }\n",
                  QUrl(QStringLiteral("file:///theme.qml")));
    const std::unique_ptr<QObject> colours(theme.create());
    QVERIFY2(colours, qPrintable(theme.errorString()));
    const QColor want = colours->property("link").value<QColor>();
    QVERIFY(want.isValid() && want != QGuiApplication::palette().link().color());
    Shown shown;
    QVERIFY(show(engine_, shown, QStringLiteral("See [the site](https://example.org) and "
                                                "![a picture](https://example.org/p.png) here.")));
    for (const QString& text : {QStringLiteral("the site"), QStringLiteral("a picture")}) {
        const QTextCursor found = shown.doc->find(text);
        QVERIFY2(!found.isNull(), qPrintable(text));
        QTextCursor at(shown.doc);
        at.setPosition(found.selectionStart() + 1);
        QVERIFY2(at.charFormat().isAnchor(), qPrintable(text));
        QCOMPARE(at.charFormat().foreground().color().name(), want.name());
    }
    QTextCursor plain(shown.doc);
    plain.setPosition(shown.doc->find(QStringLiteral("See")).selectionStart() + 1);
    QVERIFY(!plain.charFormat().isAnchor());
    QVERIFY(plain.charFormat().foreground().color() != want);
    QCOMPARE(rwkv::gui::tintLinks(shown.doc, want), 0);  // already in the colour: nothing to change
}

QTEST_MAIN(TestMarkdownInert)
#include "test_markdown_inert.moc"
