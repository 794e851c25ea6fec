// screenshot_report.cpp — see screenshot_report.h.
#include "screenshot_report.h"

#include <QAbstractItemModel>
#include <QColor>
#include <QFont>
#include <QGlyphRun>
#include <QImage>
#include <QMap>
#include <QQuickItem>
#include <QQuickTextDocument>
#include <QQuickWindow>
#include <QRawFont>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

#include <algorithm>
#include <cstdlib>
#include <functional>

#include "dialog_rows.h"

namespace rwkv::gui {

/// The item named `name` in the visual tree under `item` (QML items need not be QObject children of their parent).
QQuickItem* findItem(QQuickItem* item, const QString& name) { return findNamed(item, name); }

/// Whether all of `item` can be seen: inside the window and inside every clipping item above it (a page's
/// ScrollView) — a control reached with Tab below the fold of the Settings page was not (session 24's trial, F8).
bool wholeInView(const QQuickWindow* window, const QQuickItem* item) {
    const QRectF rect = item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
    QRectF seen = rect.intersected(QRectF(QPointF(0, 0), window->size()));
    for (const QQuickItem* p = item->parentItem(); p; p = p->parentItem())
        if (p->clip()) seen = seen.intersected(p->mapRectToScene(QRectF(0, 0, p->width(), p->height())));
    return !rect.isEmpty() && seen.width() >= rect.width() - 1 && seen.height() >= rect.height() - 1;
}

/// Whether `item`'s keyboard focus shows in `image` (the window as grabbed): visualFocus set, and an outline in its
/// palette's highlight colour (Theme.accent, the Basic style's focus frame) along the middle of each of its four
/// edges (from 2 px outside to 5 px inside: a pill's round ends), around an inside not filled with it. visualFocus alone
/// said "drawn" for the preset chip, whose own background drew no outline (session 39's trial: shots 51, 54).
bool focusOutlineDrawn(const QImage& image, const QQuickItem* item) {
    const auto* palette = item ? item->property("palette").value<QObject*>() : nullptr;
    if (!palette || !item->property("visualFocus").toBool() || image.isNull()) return false;
    const QColor ring = palette->property("highlight").value<QColor>();
    const auto isRing = [&](int x, int y) {
        if (!image.rect().contains(x, y)) return false;
        const QColor c = image.pixelColor(x, y);
        return std::max({std::abs(c.red() - ring.red()), std::abs(c.green() - ring.green()),
                         std::abs(c.blue() - ring.blue())}) <= 40;
    };
    const qreal dpr = image.devicePixelRatio();
    const QRectF scene = item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
    const QRect r(qRound(scene.x() * dpr), qRound(scene.y() * dpr), qRound(scene.width() * dpr),
                  qRound(scene.height() * dpr));
    if (r.width() < 12 || r.height() < 12) return false;
    // Each edge: of 20 points along its middle 40 %, at least 15 with the ring's colour in the band across the edge.
    const auto edgeRinged = [&](bool vertical, int edge, int inward) {
        const int from = vertical ? r.top() : r.left(), length = vertical ? r.height() : r.width();
        int ringed = 0;
        for (int i = 0; i < 20; ++i) {
            const int along = from + length * 3 / 10 + length * 2 * i / 100;
            for (int d = -2; d <= 5; ++d)
                if (vertical ? isRing(edge + d * inward, along) : isRing(along, edge + d * inward)) {
                    ++ringed;
                    break;
                }
        }
        return ringed >= 15;
    };
    if (!edgeRinged(false, r.top(), 1) || !edgeRinged(false, r.bottom(), -1) || !edgeRinged(true, r.left(), 1) ||
        !edgeRinged(true, r.right(), -1))
        return false;
    int filled = 0, inside = 0;  // a button filled with the colour shows no outline of it
    for (int y = r.top() + 6; y <= r.bottom() - 6; ++y)
        for (int x = r.left() + 6; x <= r.right() - 6; ++x, ++inside) filled += isRing(x, y);
    return filled * 2 < inside;
}

/// The row of the first message (a delegate of the message list `list`) whose foot is below the list's top, or -1.
/// Only the delegates the list has placed count (its itemAtIndex): a delegate ListView is still making for its cache
/// buffer (made bit by bit, between frames) is already among the content's children, at y 0 with height 0, and
/// read as "in view" — a list scrolled up to row 30 read as 13 or 8 while the rows around the view were being made
/// (session 17: test_scroll_e2e failed on a busy machine, the view had not moved).
int topRow(QQuickItem* list) {
    const auto* content = list ? list->property("contentItem").value<QQuickItem*>() : nullptr;
    if (!content) return -1;
    const qreal top = list->property("contentY").toReal();
    int row = -1;
    for (QQuickItem* item : content->childItems()) {
        const QVariant index = item->property("index");
        if (!index.isValid() || !item->isVisible() || item->y() + item->height() <= top ||
            (row >= 0 && index.toInt() >= row))
            continue;
        QQuickItem* placed = nullptr;
        QMetaObject::invokeMethod(list, "itemAtIndex", Q_RETURN_ARG(QQuickItem*, placed), Q_ARG(int, index.toInt()));
        if (placed == item) row = index.toInt();
    }
    return row;
}
/// Where the message list's view is and where the rows it has placed are, in its content's coordinates: "view
/// TOP..FOOT; ROW:TOP..FOOT ...", rows in order (the e2e tests: a row's foot far above the next row's top is a gap).
/// The id of the message at `row` of `list`'s model (its messageId role), or -1.
qint64 messageIdAt(QQuickItem* list, int row) {
    const auto* model = list ? qobject_cast<QAbstractItemModel*>(list->property("model").value<QObject*>()) : nullptr;
    if (!model || row < 0 || row >= model->rowCount()) return -1;
    const int role = model->roleNames().key(QByteArrayLiteral("messageId"), -1);
    return role < 0 ? -1 : model->data(model->index(row, 0), role).toLongLong();
}
QString placedRows(QQuickItem* list) {
    const auto* content = list ? list->property("contentItem").value<QQuickItem*>() : nullptr;
    if (!content) return {};
    const qreal top = list->property("contentY").toReal();
    QMap<int, QString> rows;
    for (QQuickItem* item : content->childItems()) {
        const QVariant index = item->property("index");
        QQuickItem* placed = nullptr;
        if (index.isValid())
            QMetaObject::invokeMethod(list, "itemAtIndex", Q_RETURN_ARG(QQuickItem*, placed), Q_ARG(int, index.toInt()));
        if (placed == item && item->isVisible())
            rows.insert(index.toInt(), QStringLiteral("%1:%2..%3")
                                           .arg(index.toInt())
                                           .arg(qRound(item->y()))
                                           .arg(qRound(item->y() + item->height())));
    }
    return QStringLiteral("view %1..%2; ").arg(qRound(top)).arg(qRound(top + list->height())) +
           QStringList(rows.values()).join(u' ');
}
/// "ROW: TEXT | ROW: TEXT" for the placed rows of `list` that show a note under their reply (MessageBubble's
/// replyNote: Unfinished, Stopped, cut when the app was closed), in row order; "none" when none does.
QString replyNotes(QQuickItem* list) {
    const auto* content = list ? list->property("contentItem").value<QQuickItem*>() : nullptr;
    QMap<int, QString> notes;
    for (QQuickItem* row : content ? content->childItems() : QList<QQuickItem*>())
        if (const QVariant index = row->property("index"); index.isValid() && row->isVisible())
            if (const QQuickItem* note = findItem(row, QStringLiteral("replyNote")); note && note->isVisible())
                notes.insert(index.toInt(), QStringLiteral("%1: %2").arg(index.toInt()).arg(note->property("text").toString()));
    return notes.isEmpty() ? QStringLiteral("none") : QStringList(notes.values()).join(QStringLiteral(" | "));
}
/// "ROW: k/N | …" for the placed rows of `list` that draw the version switcher (BranchSwitcher's versionLabel), with
/// whether it is drawn while the reply is written ("ROW: k/N writing"); "none" when none does.
QString versionSwitchers(QQuickItem* list) {
    const auto* content = list ? list->property("contentItem").value<QQuickItem*>() : nullptr;
    QMap<int, QString> rows;
    for (QQuickItem* row : content ? content->childItems() : QList<QQuickItem*>())
        if (const QVariant index = row->property("index"); index.isValid() && row->isVisible())
            if (const QQuickItem* label = findItem(row, QStringLiteral("versionLabel")); label && label->isVisible()) {
                const QQuickItem* actions = findItem(row, QStringLiteral("messageActions"));
                const bool writing = actions && !actions->property("finished").toBool();
                rows.insert(index.toInt(), QStringLiteral("%1: %2%3")
                                               .arg(index.toInt())
                                               .arg(label->property("text").toString(),
                                                    writing ? QStringLiteral(" writing") : QString()));
            }
    return rows.isEmpty() ? QStringLiteral("none") : QStringList(rows.values()).join(QStringLiteral(" | "));
}
/// What the TextEdits under `item` (tree order) draw as characters, appended to `drawn`, and how many characters
/// their documents hold, added to `held`. Qt 6.4's TextEdit (QQuickTextNodeEngine::addTextBlock) draws a fragment —
/// a run of one format — that holds U+FFFC as an inline object, none of its characters (session 35's trial: an empty
/// bubble for a message with one): such a fragment is left out here as it is there.
static void drawnTexts(const QQuickItem* item, QString& drawn, qsizetype& held) {
    if (!item || !item->isVisible()) return;
    if (item->inherits("QQuickTextEdit"))
        if (const auto* doc = item->property("textDocument").value<QQuickTextDocument*>(); doc && doc->textDocument()) {
            held += doc->textDocument()->characterCount();  // its blocks' text and a separator after each
            for (QTextBlock block = doc->textDocument()->begin(); block.isValid(); block = block.next()) {
                drawn += QStringLiteral("\\n");  // each block after a break (the first one's taken off after)
                for (auto it = block.begin(); !it.atEnd(); ++it)
                    if (const QString text = it.fragment().text(); !text.contains(QChar::ObjectReplacementCharacter))
                        drawn += text;
            }
        }
    for (const QQuickItem* child : item->childItems()) drawnTexts(child, drawn, held);
}
QString drawnRowTexts(QQuickItem* list) {
    const auto* content = list ? list->property("contentItem").value<QQuickItem*>() : nullptr;
    QMap<int, QString> rows;
    for (QQuickItem* row : content ? content->childItems() : QList<QQuickItem*>()) {
        const QVariant index = row->property("index");
        QQuickItem* placed = nullptr;
        if (index.isValid())
            QMetaObject::invokeMethod(list, "itemAtIndex", Q_RETURN_ARG(QQuickItem*, placed), Q_ARG(int, index.toInt()));
        if (placed != row || !row->isVisible()) continue;
        QString drawn;
        qsizetype held = 0;
        drawnTexts(row, drawn, held);
        if (drawn.startsWith(QStringLiteral("\\n"))) drawn.remove(0, 2);
        // Line breaks counted as the documents count them, one each; the last document's closing separator not.
        rows.insert(index.toInt(), QStringLiteral("%1: %2 (%3 of %4 characters)")
                                       .arg(index.toInt())
                                       .arg(drawn.left(80))
                                       .arg(drawn.size() - drawn.count(QStringLiteral("\\n")))
                                       .arg(std::max<qsizetype>(held - 1, 0)));
    }
    return rows.isEmpty() ? QStringLiteral("none") : QStringList(rows.values()).join(QStringLiteral(" | "));
}
QString selectedInRows(QQuickItem* list) {
    auto* content = list ? list->property("contentItem").value<QQuickItem*>() : nullptr;
    QList<QQuickItem*> todo{content};
    while (!todo.isEmpty()) {
        QQuickItem* item = todo.takeFirst();
        if (!item) continue;
        todo += item->childItems();
        const QString selected = item->inherits("QQuickTextEdit") ? item->property("selectedText").toString() : QString();
        if (selected.isEmpty()) continue;
        QRectF at;
        QMetaObject::invokeMethod(item, "positionToRectangle", Q_RETURN_ARG(QRectF, at),
                                  Q_ARG(int, item->property("selectionStart").toInt()));
        const QPointF top = item->mapToItem(list, at.topLeft());
        bool inView = top.y() >= 0 && top.y() + at.height() <= list->height() + 1 && top.x() >= 0 &&
                      top.x() < list->width();
        // Also inside every box on the way that cuts what it draws (a code block scrolled sideways: a word past its
        // right side is not seen).
        for (QQuickItem* up = item->parentItem(); inView && up && up != list; up = up->parentItem())
            if (up->clip()) {
                const QPointF in = item->mapToItem(up, at.topLeft());
                inView = in.x() >= 0 && in.x() < up->width() && in.y() >= 0 && in.y() + at.height() <= up->height() + 1;
            }
        return QStringLiteral("%1 (%2)").arg(selected.left(80), inView ? QStringLiteral("in view")
                                                                      : QStringLiteral("out of view"));
    }
    return QStringLiteral("none");
}

/// The text item under `item` that shows `text` (a Label of a file dialog's row), or null.
/// Texts drawn over each other: a wrapped Label that a layout sized by its unwrapped width kept one line high while it
/// drew two, so the next line of the column was written over its second (session 49: Settings' API hints in Japanese).
QString overlappingTexts(QQuickItem* root) {
    QList<std::pair<QRectF, QString>> drawn;
    const std::function<void(QQuickItem*)> collect = [&](QQuickItem* item) {
        if (!item->isVisible() || item->opacity() <= 0) return;
        const QString text = item->inherits("QQuickText") ? item->property("text").toString() : QString();
        if (!text.trimmed().isEmpty()) {
            // Where its lines are drawn: its text's size, placed in the item as its alignments say (an item that a
            // layout made taller than its text overlaps nothing with the empty part).
            const qreal w = item->property("contentWidth").toReal(), h = item->property("contentHeight").toReal();
            const int hAlign = item->property("effectiveHorizontalAlignment").toInt();
            const int vAlign = item->property("verticalAlignment").toInt();
            const qreal x = hAlign & Qt::AlignRight     ? item->width() - w
                            : hAlign & Qt::AlignHCenter ? (item->width() - w) / 2
                                                        : 0;
            const qreal y = vAlign & Qt::AlignBottom     ? item->height() - h
                            : vAlign & Qt::AlignVCenter ? (item->height() - h) / 2
                                                        : 0;
            QRectF seen = item->mapRectToScene(QRectF(x, y, w, h));
            for (const QQuickItem* p = item->parentItem(); p; p = p->parentItem())  // a page's text under its header
                if (p->clip()) seen = seen.intersected(p->mapRectToScene(QRectF(0, 0, p->width(), p->height())));
            if (!seen.isEmpty()) drawn.append({seen, text.left(24)});
        }
        for (QQuickItem* child : item->childItems()) collect(child);
    };
    if (root) collect(root);
    QStringList pairs;
    for (qsizetype i = 0; i < drawn.size(); ++i)
        for (qsizetype j = i + 1; j < drawn.size(); ++j) {
            const QRectF both = drawn[i].first.intersected(drawn[j].first);
            if (both.width() > 1 && both.height() > 1)
                pairs.append(QStringLiteral("“%1…” over “%2…”").arg(drawn[i].second, drawn[j].second));
        }
    return pairs.isEmpty() ? QStringLiteral("none") : pairs.join(QStringLiteral(" | "));
}
QQuickItem* textShowing(QQuickItem* item, const QString& text) {
    if (!item) return nullptr;
    if (item->inherits("QQuickText") && item->property("text").toString() == text) return item;
    for (QQuickItem* child : item->childItems())
        if (QQuickItem* found = textShowing(child, text)) return found;
    return nullptr;
}
/// "NAME: text #RRGGBB on #RRGGBB" for the current row of Qt Quick's file or folder dialog list `list`, else its row
/// `focus` (Export…'s list has no current row; its first row has the focus): the colour of its name and of what is
/// behind it (its background when drawn: highlighted or focused rows have one; else the dialog's); or "none".
QString dialogRowColours(QQuickItem* list, QQuickItem* focus) {
    auto* row = list->property("currentItem").value<QQuickItem*>();
    if (!row && focus && focus->property("fileName").isValid() && list->isAncestorOf(focus)) row = focus;
    if (!row) return QStringLiteral("none");
    // The name as drawn (DialogRows sets it: a bidi control as a mark), else the entry's name.
    const QQuickItem* drawn = fileNameLabel(row);
    const QString name = drawn ? drawn->property("text").toString() : row->property("fileName").toString();
    const QQuickItem* label = drawn ? drawn : textShowing(row, name);
    // A row without its own background is drawn on the dialog's (the popup's background).
    auto* background = row->property("background").value<QQuickItem*>();
    if (!background || !background->isVisible()) {
        QQuickItem* popup = list->parentItem();
        while (popup && !popup->inherits("QQuickPopupItem")) popup = popup->parentItem();
        background = popup ? popup->property("background").value<QQuickItem*>() : nullptr;
    }
    return name + QStringLiteral(": text ") +
           (label ? label->property("color").value<QColor>().name() : QStringLiteral("none")) + QStringLiteral(" on ") +
           (background ? background->property("color").value<QColor>().name() : QStringLiteral("none"));
}
namespace {
/// "NAME DETAIL | …" for the rows `list` has made, top down: each entry's name as drawn and the text of its label
/// `detail` finds ("(no LABEL label)" where none).
QString dialogRowDetails(QQuickItem* list, QQuickItem* (*detail)(QQuickItem*), const QString& label) {
    const auto* content = list->property("contentItem").value<QQuickItem*>();
    QList<QQuickItem*> rows;
    for (QQuickItem* row : content ? content->childItems() : QList<QQuickItem*>())
        if (row->isVisible() && row->property("fileName").isValid()) rows << row;
    std::sort(rows.begin(), rows.end(), [](const QQuickItem* a, const QQuickItem* b) { return a->y() < b->y(); });
    QStringList shown;
    for (QQuickItem* row : rows) {
        const QQuickItem* drawn = detail(row);
        const QQuickItem* name = fileNameLabel(row);  // the name as drawn (a bidi control as a mark: DialogRows)
        shown << (name ? name->property("text").toString() : row->property("fileName").toString()) + u' ' +
                     (drawn ? drawn->property("text").toString() : QStringLiteral("(no %1 label)").arg(label));
    }
    return shown.isEmpty() ? QStringLiteral("none") : shown.join(QStringLiteral(" | "));
}
}  // namespace
QString dialogRowSizes(QQuickItem* list) { return dialogRowDetails(list, fileSizeLabel, QStringLiteral("size")); }
QString dialogRowTimes(QQuickItem* list) { return dialogRowDetails(list, fileTimeLabel, QStringLiteral("time")); }
/// The first visible item under `root` (itself included), breadth first, that inherits `className` and not `except`.
QQuickItem* firstVisibleOf(QQuickItem* root, const char* className, const char* except) {
    for (QList<QQuickItem*> todo{root}; !todo.isEmpty();) {
        QQuickItem* item = todo.takeFirst();
        if (!item->isVisible()) continue;
        if (item->inherits(className) && !(except && item->inherits(except))) return item;
        todo << item->childItems();
    }
    return nullptr;
}
/// "text #RRGGBB on #RRGGBB" for the path bar of a file dialog open under `root` (its first folder's name on the bar's
/// background; "none" for a part not found), or empty when no path bar shows.
QString pathBarColours(QQuickItem* root) {
    QQuickItem* bar = firstVisibleOf(root, "QQuickFolderBreadcrumbBar");
    if (!bar) return {};
    const QQuickItem* button = firstVisibleOf(bar, "QQuickButton", "QQuickToolButton");  // not the up button
    const auto* label = button ? button->property("contentItem").value<QQuickItem*>() : nullptr;
    const auto* background = bar->property("background").value<QQuickItem*>();
    return QStringLiteral("text ") + (label ? label->property("color").value<QColor>().name() : QStringLiteral("none")) +
           QStringLiteral(" on ") +
           (background ? background->property("color").value<QColor>().name() : QStringLiteral("none"));
}
/// The first text item (a TextEdit: a reply's prose, or a question) with text under `item`, in the tree's order.
QQuickItem* firstText(QQuickItem* item) {
    if (!item || !item->isVisible()) return nullptr;
    if (item->inherits("QQuickTextEdit") && !item->property("text").toString().isEmpty()) return item;
    for (QQuickItem* child : item->childItems())
        if (QQuickItem* found = firstText(child)) return found;
    return nullptr;
}
/// The face of the glyph run that draws the first Han character of `item`'s document (a TextEdit's: laid out as drawn),
/// or "none". Which face draws 直, 骨, 誤 decides their forms (Japanese, Simplified, Traditional: han_fonts.h).
QString hanFaceDrawn(const QQuickItem* item) {
    const auto* document = item ? item->property("textDocument").value<QQuickTextDocument*>() : nullptr;
    for (QTextBlock block = document ? document->textDocument()->begin() : QTextBlock(); block.isValid();
         block = block.next()) {
        const QString text = block.text();
        const auto han = std::find_if(text.begin(), text.end(), [](QChar c) { return c >= u'\u4e00' && c <= u'\u9fff'; });
        if (han == text.end() || !block.layout()) continue;
        const QList<QGlyphRun> runs = block.layout()->glyphRuns(int(han - text.begin()), 1);
        return runs.isEmpty() ? QStringLiteral("none") : runs.constFirst().rawFont().familyName();
    }
    return QStringLiteral("none");
}
/// The face that draws "直" in `font` (a window's: what its controls draw with), as a QTextLayout lays it out.
QString hanFaceDrawn(const QFont& font) {
    QTextLayout layout(QStringLiteral("直"), font);
    layout.beginLayout();
    layout.createLine();
    layout.endLayout();
    const QList<QGlyphRun> runs = layout.glyphRuns();
    return runs.isEmpty() ? QStringLiteral("none") : runs.constFirst().rawFont().familyName();
}
/// The visible text items under `item` whose text Qt draws as markup (Text.AutoText that looks like it, or RichText:
/// "<b>" bold, "<img src=http://…>" fetched), by objectName, else their first 40 characters; Text.StyledText is
/// chosen on purpose and left out. A name, a path or a server's words shown so could draw tags (session 29's check, L1).
QStringList markupDrawn(const QQuickItem* item) {
    if (!item || !item->isVisible()) return {};
    QStringList found;
    if (item->inherits("QQuickText")) {
        const int format = item->property("textFormat").toInt();  // Qt::TextFormat: RichText 1, AutoText 2
        const QString text = item->property("text").toString();
        if (format == Qt::RichText || (format == Qt::AutoText && Qt::mightBeRichText(text)))
            found << (item->objectName().isEmpty() ? text.left(40) : item->objectName());
    }
    for (const QQuickItem* child : item->childItems()) found << markupDrawn(child);
    return found;
}
/// "#TEXT on #BACKGROUND": the colour of `control`'s contentItem on that of `popup`'s background ("?" for none).
QString drawnColours(const QObject* control, const QObject* popup) {
    const auto colour = [](const QObject* o, const char* part) {
        const auto* item = o ? o->property(part).value<QQuickItem*>() : nullptr;
        return item ? item->property("color").value<QColor>().name() : QStringLiteral("?");
    };
    return colour(control, "contentItem") + QStringLiteral(" on ") + colour(popup, "background");
}
}  // namespace rwkv::gui
