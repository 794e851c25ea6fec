// screenshot_report.h — what the --send/--screenshot test hook (screenshot_hook.cpp) reads from the window for the lines
// it prints: items by name, whether an item is in view, the message list's rows, the colours of dialog rows and
// popups, text drawn as markup. Internal to the hook (the e2e tests read its printed lines); each function's comment
// in screenshot_report.cpp says what it returns and why.
#pragma once

#include <QString>
#include <QStringList>

class QFont;
class QImage;
class QObject;
class QQuickItem;
class QQuickWindow;

namespace rwkv::gui {

/// The item named `name` in the visual tree under `item`, or null.
QQuickItem* findItem(QQuickItem* item, const QString& name);
/// Whether all of `item` can be seen: inside the window and inside every clipping item above it.
bool wholeInView(const QQuickWindow* window, const QQuickItem* item);
/// Whether `item`'s keyboard focus shows in `image` (the window as grabbed): visualFocus, and an outline of its
/// palette's highlight colour along its four edges around an inside not filled with it.
bool focusOutlineDrawn(const QImage& image, const QQuickItem* item);
/// The row of the message list `list`'s first placed delegate whose foot is below the list's top, or -1.
int topRow(QQuickItem* list);
/// The id of the message at `row` of `list`'s model (its messageId role), or -1.
qint64 messageIdAt(QQuickItem* list, int row);
/// "view TOP..FOOT; ROW:TOP..FOOT ...": the message list's view and its placed rows, in its content's coordinates.
QString placedRows(QQuickItem* list);
/// "ROW: TEXT | ROW: TEXT" for the placed rows of `list` that show a note under their reply; "none" when none does.
QString replyNotes(QQuickItem* list);
/// "ROW: k/N | …" for the placed rows of `list` that draw the version switcher (‹ k/N ›), " writing" after it while
/// that reply is written; "none" when none does.
QString versionSwitchers(QQuickItem* list);
/// "ROW: TEXT (N of M characters) | …": for each placed row of `list`, what its text items (TextEdit) draw as
/// characters — their documents' text less each run Qt draws as an inline object (one holding U+FFFC) —, on one line
/// (a line break as "\\n"), its first 80 characters; "none" for no row.
QString drawnRowTexts(QQuickItem* list);
/// "TEXT (in view)" or "TEXT (out of view)": the text selected in a text item of `list`'s rows (a search hit's words,
/// ReplyContent.showWords) and whether its first character is inside the list's view, and inside every box around it
/// that cuts what it draws (a code block that scrolls sideways); "none" when nothing is selected.
QString selectedInRows(QQuickItem* list);
/// "“A…” over “B…” | …" for each pair of visible text items under `root` whose drawn text (its content size, placed by
/// its alignments) overlaps the other's by more than a pixel each way; "none" when none do.
QString overlappingTexts(QQuickItem* root);
/// The text item under `item` that shows `text`, or null.
QQuickItem* textShowing(QQuickItem* item, const QString& text);
/// "NAME: text #RRGGBB on #RRGGBB" for the current (else the focused) row of a file or folder dialog's list (its name as
/// drawn); or "none".
QString dialogRowColours(QQuickItem* list, QQuickItem* focus);
/// "NAME SIZE | NAME SIZE | …" for the rows a file dialog's list `list` has made, top down: each entry's name as drawn
/// and the size drawn under it (empty for a folder: "NAME " ); "none" without rows.
QString dialogRowSizes(QQuickItem* list);
/// "NAME TIME | …" as dialogRowSizes, with the time of the entry's last change drawn beside its size.
QString dialogRowTimes(QQuickItem* list);
/// The first visible item under `root` (itself included), breadth first, that inherits `className` and not `except`.
QQuickItem* firstVisibleOf(QQuickItem* root, const char* className, const char* except = nullptr);
/// "text #RRGGBB on #RRGGBB" for the path bar of a file dialog open under `root`, or empty when no path bar shows.
QString pathBarColours(QQuickItem* root);
/// The first text item (a TextEdit) with text under `item`, in the tree's order, or null.
QQuickItem* firstText(QQuickItem* item);
/// The face that draws the first Han character (U+4E00…U+9FFF) of the text item `item` (a TextEdit) as its document
/// lays it out, or "none"; han_fonts.h: the forms of the interface language.
QString hanFaceDrawn(const QQuickItem* item);
/// The face that draws "直" in `font`, as Qt lays it out.
QString hanFaceDrawn(const QFont& font);
/// The visible text items under `item` whose text Qt draws as markup (Text.AutoText that looks like it, or RichText).
QStringList markupDrawn(const QQuickItem* item);
/// "#TEXT on #BACKGROUND": the colour of `control`'s contentItem on that of `popup`'s background ("?" for none).
QString drawnColours(const QObject* control, const QObject* popup);

}  // namespace rwkv::gui
