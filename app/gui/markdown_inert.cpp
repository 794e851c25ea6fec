// markdown_inert.cpp — see markdown_inert.h.
#include "markdown_inert.h"

#include <QGuiApplication>
#include <QList>
#include <QPalette>
#include <QRegularExpression>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QUrl>

namespace rwkv::gui {
namespace {

/// After a '<' that is not to start raw HTML, and inside an image's empty "[]" (a Unicode "format" character: no
/// blank, no punctuation to md4c, drawn as nothing; removed from the document anyway).
constexpr QChar kTagMark(0x2060);
/// Qt 6.4's Markdown reader indents each quote level by this much (qtextmarkdownimporter.cpp, BlockQuoteIndent).
constexpr qreal kQuoteIndent = 40;

/// A CommonMark autolink at the match's start: "<scheme:…>" or "<address@host>".
const QRegularExpression& autolink() {
    static const QRegularExpression re(
        QStringLiteral(R"(<(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]+@[A-Za-z0-9])"
                       R"((?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)*)>)"));
    return re;
}

bool startsTag(QChar c) {
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'/' || c == u'!' || c == u'?';
}

/// An image `format` as the text it is shown as: its alt text, else its address, a link to the address when it has
/// one (coloured as Qt 6.4's Markdown reader colours a link), in the rest of `format` (emphasis, a heading's size).
QTextCharFormat asLink(const QTextCharFormat& format, QString* text) {
    const QString address = format.stringProperty(QTextFormat::ImageName);
    const QString alt = format.stringProperty(QTextFormat::ImageAltText).remove(kTagMark);
    *text = alt.trimmed().isEmpty() ? address : alt;
    QTextCharFormat out = format;
    for (int property : {int(QTextFormat::ObjectType), int(QTextFormat::ImageName), int(QTextFormat::ImageTitle),
                         int(QTextFormat::ImageAltText), int(QTextFormat::ImageWidth), int(QTextFormat::ImageHeight),
                         int(QTextFormat::ImageQuality)})
        out.clearProperty(property);
    if (!address.isEmpty()) {
        out.setAnchor(true);
        out.setAnchorHref(address);
        out.setForeground(QGuiApplication::palette().link());
    }
    return out;
}

}  // namespace

QString markTags(const QString& markdown) {
    QString out;
    qsizetype copied = 0;
    const auto markAfter = [&](qsizetype i) {  // a mark after markdown[i]
        if (out.isEmpty()) out.reserve(markdown.size() + 64);
        out += QStringView(markdown).mid(copied, i + 1 - copied);
        out += kTagMark;
        copied = i + 1;
    };
    for (qsizetype i = 0; i + 1 < markdown.size(); ++i) {
        if (markdown[i] == u'!' && markdown[i + 1] == u'[') {
            // "![": the mark between makes it "!" and a link, so no image reaches the document on any path — a text
            // set again later (a click's re-set, a streamed piece) is laid out before showTagsAndImages runs, and an
            // image there was loaded (session 30's check, M1: a fifo froze the app at the first click).
            markAfter(i);
            continue;
        }
        if (markdown[i] == u'[' && i > 0 && markdown[i - 1] == u'!' && markdown[i + 1] == u']') {
            markAfter(i);  // "![]": an image without alt text, which Qt 6.4 leaves out; now its alt is the mark
            continue;
        }
        if (markdown[i] != u'<' || !startsTag(markdown[i + 1])) continue;
        const QStringView before = QStringView(markdown).left(i);
        if (before.endsWith(u"](") || before.endsWith(u"]: ")) continue;  // a link's <destination>
        const QRegularExpressionMatch link =
            autolink().match(markdown, i, QRegularExpression::NormalMatch, QRegularExpression::AnchorAtOffsetMatchOption);
        if (link.hasMatch())
            i = link.capturedEnd() - 1;
        else
            markAfter(i);
    }
    if (copied == 0) return markdown;
    out += QStringView(markdown).mid(copied);
    return out;
}

int tintLinks(QTextDocument* doc, const QColor& color) {
    if (!doc) return 0;
    QList<std::pair<int, int>> links;  // (position, length) of each link fragment not yet in `color`
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next())
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            const QTextCharFormat format = fragment.charFormat();
            if (format.isAnchor() && !format.anchorHref().isEmpty() && format.foreground().color() != color)
                links.append({fragment.position(), fragment.length()});
        }
    if (links.isEmpty()) return 0;
    QTextCursor cursor(doc);
    cursor.beginEditBlock();
    QTextCharFormat tint;
    tint.setForeground(color);
    for (const auto& [position, length] : links) {
        cursor.setPosition(position);
        cursor.setPosition(position + length, QTextCursor::KeepAnchor);
        cursor.mergeCharFormat(tint);
    }
    cursor.endEditBlock();
    return int(links.size());
}

int showTagsAndImages(QTextDocument* doc) {
    if (!doc) return 0;
    int images = 0;
    QTextCursor cursor(doc);
    cursor.beginEditBlock();
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
        // The block's images and marks, found first and replaced from its end (positions before them stay).
        struct Image { int position; QTextCharFormat format; };
        QList<Image> found;
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (fragment.charFormat().isImageFormat())
                for (int k = 0; k < fragment.length(); ++k) found.append({fragment.position() + k, fragment.charFormat()});
        }
        const QString text = block.text();
        QList<int> marks;
        for (qsizetype i = text.indexOf(kTagMark); i >= 0; i = text.indexOf(kTagMark, i + 1))
            if (i > 0 && (text[i - 1] == u'<' || text[i - 1] == u'[' || text[i - 1] == u'!'))
                marks.append(block.position() + int(i) - (text[i - 1] == u'!' ? 1 : 0));  // "!" + mark: both go
        for (qsizetype m = marks.size() - 1, g = found.size() - 1; m >= 0 || g >= 0;) {
            if (g < 0 || (m >= 0 && marks[m] > found[g].position)) {
                const int at = marks[m--];
                const auto formatAt = [&](int position) {  // the format of the character at `position`
                    QTextCursor c(doc);
                    c.setPosition(position + 1);
                    return c.charFormat();
                };
                cursor.setPosition(at);
                if (doc->characterAt(at) != u'!') {
                    cursor.deleteChar();
                    continue;
                }
                // "!" + mark: an image made a link ("!" then [alt](url)) — both go; in a code span (no link after
                // them) only the mark. A link whose text is only the empty alt's mark shows its address.
                if (!formatAt(at + 2).isAnchor()) {
                    cursor.setPosition(at + 1);
                    cursor.deleteChar();
                    continue;
                }
                cursor.deleteChar();
                cursor.deleteChar();
                if (doc->characterAt(at) == kTagMark && doc->characterAt(at + 1) != kTagMark) {
                    const QTextCharFormat link = formatAt(at);
                    cursor.setPosition(at);
                    cursor.deleteChar();
                    cursor.insertText(link.anchorHref(), link);
                }
                ++images;
                continue;
            }
            QString shown;
            const QTextCharFormat format = asLink(found[g].format, &shown);
            cursor.setPosition(found[g--].position);
            cursor.deleteChar();
            cursor.insertText(shown, format);
            ++images;
        }
        // A quote deeper than kMaxQuoteLevel is shown at that level (its text and bars stay in the bubble).
        QTextBlockFormat format = block.blockFormat();
        if (const int level = format.intProperty(QTextFormat::BlockQuoteLevel); level > kMaxQuoteLevel) {
            format.setProperty(QTextFormat::BlockQuoteLevel, kMaxQuoteLevel);
            format.setLeftMargin(std::max<qreal>(0, format.leftMargin() - (level - kMaxQuoteLevel) * kQuoteIndent));
            cursor.setPosition(block.position());
            cursor.setBlockFormat(format);
        }
    }
    cursor.endEditBlock();
    return images;
}

bool opensOnTheDesktop(const QString& link) {
    const QUrl url(link.trimmed(), QUrl::StrictMode);
    if (!url.isValid()) return false;
    const QString scheme = url.scheme().toLower();  // QUrl keeps it as written
    if (scheme == u"http" || scheme == u"https") return !url.host().isEmpty();
    return scheme == u"mailto" && !url.path().isEmpty();
}

}  // namespace rwkv::gui
