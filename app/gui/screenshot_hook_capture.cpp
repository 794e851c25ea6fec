// screenshot_hook_capture.cpp — ScreenshotHook's saved window (see screenshot_hook.h): grabbed once the window has
// caught up, the lines that say what it shows (window title: … on, docs/gui.md "Test hooks and screenshots"; read
// by the e2e tests), one function a part of the window, then the PNG written and the app ended. What those
// functions read of the items: screenshot_report.cpp.
#include "screenshot_hook.h"

#include <QClipboard>
#include <QColor>
#include <QFont>
#include <QFontMetricsF>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QImage>
#include <QMap>
#include <QQmlContext>
#include <QQmlEngine>
#include <QQmlProperty>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTextStream>

#include <sys/resource.h>

#include <algorithm>
#include <functional>
#include <utility>

#include "chat_controller.h"
#include "dialog_rows.h"
#include "screenshot_report.h"

namespace rwkv::gui {

void ScreenshotHook::captureAndQuit(int code) {
    if (quitting_) return;
    quitting_ = true;
    // The last step's effects shown (the final text laid out and drawn, a row made) before grabbing.
    whenCaughtUp(kCaptureWaitMs, [this, code] {
        if (file_.isEmpty()) {
            QCoreApplication::exit(code);
            return;
        }
        // Grabbed first: the grab polishes the items (the layouts, a text laid out again when the font drawn differs)
        // before drawing them, so the lines below read the window as saved. They were read before it, and once said
        // "model button: … (cut)" beside a screenshot with the name whole (session 28's check, C6, under load).
        const QImage image = window_ ? window_->grabWindow() : QImage();
        // The grab lays out first what no frame had yet (a dialog's list the last key scrolled, where the wait ran to its
        // most under load) and may make rows there, whose sizes a zero timer sets after it: waited for, grabbed again.
        if (window_ && dialogPending() && regrabs_ < kMostRegrabs) {
            ++regrabs_;
            quitting_ = false;
            captureAndQuit(code);
            return;
        }
        if (window_) {
            reportWindow(image);
            reportChat();
            reportDialogs();
            reportSettingsAndPopups();
            reportMessageList();
            reportModelsPage();
        }
        if (image.isNull() || !image.save(file_, "PNG")) {
            QTextStream(stderr) << "rwkv-desktop test hook: could not save " << file_ << "\n";
            QCoreApplication::exit(1);
            return;
        }
        QTextStream(stdout) << "screenshot saved: " << file_ << " (" << image.width() << "x" << image.height() << ")\n";
        QCoreApplication::exit(code);
    });
}

void ScreenshotHook::reportWindow(const QImage& image) {
    QTextStream(stdout) << "window title: " << window_->title() << "\n";  // checked by the e2e test
    // The most memory the app held so far (test_long_conversation_e2e: a long conversation's start).
    if (rusage use{}; getrusage(RUSAGE_SELF, &use) == 0)
        QTextStream(stdout) << "peak memory: " << use.ru_maxrss / 1024 << " MB\n";
    if (timed_)  // what the status line says by now (a reply not saved at first: saved since?)
        QTextStream(stdout) << "status line: " << chat_.replyStatus() << "\n"
                            << "reply awaits room: " << (chat_.replyAwaitsRoom() ? "yes" : "no") << "\n";
    if (!chat_.damageNote().isEmpty())
        QTextStream(stdout) << "damaged chat: " << chat_.damageNote() << " | " << chat_.damageDetail() << "\n";
    // The text size (Settings → Text size, Ctrl+= / Ctrl+- / Ctrl+0, Theme.qml), the window's font and the text of
    // the message at the top of the view as drawn (its first text item; "none" without a message).
    if (QQmlEngine* engine = qmlEngine(window_->contentItem())) {
        const QObject* settings = engine->singletonInstance<QObject*>(
            qmlTypeId("RwkvDesktop.Core", 1, 0, "AppSettings"));
        QQuickItem* list = findItem(window_->contentItem(), QStringLiteral("messageList"));
        QQuickItem* first = nullptr;
        if (const int top = list ? topRow(list) : -1; top >= 0)
            QMetaObject::invokeMethod(list, "itemAtIndex", Q_RETURN_ARG(QQuickItem*, first), Q_ARG(int, top));
        const QQuickItem* text = first ? firstText(first) : nullptr;
        QTextStream(stdout) << "text size: " << (settings ? settings->property("textSize").toInt() : 0) << " %, font "
                            << window_->property("font").value<QFont>().pixelSize() << " px, message text "
                            << (text ? QString::number(text->property("font").value<QFont>().pixelSize()) + QStringLiteral(" px")
                                     : QStringLiteral("none"))
                            << "\n";
        // The faces that draw Han characters (their forms: the interface language's, han_fonts.h): the window's font
        // (its controls') and the message's text as laid out.
        QTextStream(stdout) << "han face: window " << hanFaceDrawn(window_->property("font").value<QFont>())
                            << ", message " << hanFaceDrawn(text) << "\n";
    }
    // Where typing goes (the e2e test: the message box at start): the item's objectName, else its type.
    const QQuickItem* focus = window_->activeFocusItem();
    QTextStream(stdout) << "active focus: "
                        << (!focus ? QStringLiteral("none")
                            : !focus->objectName().isEmpty() ? focus->objectName()
                                                            : QString::fromLatin1(focus->metaObject()->className()))
                        << "\n";
    if (focus) QTextStream(stdout) << "active focus in view: " << (wholeInView(window_, focus) ? "yes" : "no") << "\n";
    // Whether a focused control shows it: visualFocus and its outline in the saved window (a dialog's button
    // focused without a Tab reason had no outline, session 34's check; the preset chip's visualFocus, none
    // drawn, read as "yes", session 39's trial), and where it is (X,Y WxH in the window).
    if (focus && focus->property("visualFocus").isValid()) {
        const QRect at = focus->mapRectToScene(QRectF(0, 0, focus->width(), focus->height())).toRect();
        QTextStream(stdout) << "active focus drawn: " << (focusOutlineDrawn(image, focus) ? "yes" : "no") << "\n"
                            << "active focus at: " << at.x() << ',' << at.y() << ' ' << at.width() << 'x'
                            << at.height() << "\n";
    }
}

void ScreenshotHook::reportChat() {
    // What the message box holds (the e2e test: a 2 MB paste) and a long text pasted beside it.
    if (const QQuickItem* input = findItem(window_->contentItem(), QStringLiteral("messageInput"))) {
        const QString text = input->property("text").toString();
        QTextStream(stdout) << "message box: " << text.size() << " characters\n";
        // Its hint while it is empty, and whether it is drawn whole (Japanese at 960 px and 150 %: "RWKV へのメッセー…",
        // cut beside the preset chip, session 48's trial).
        for (const QQuickItem* child : input->childItems())
            if (child->inherits("QQuickPlaceholderText") && child->isVisible())
                QTextStream(stdout) << "message box hint: " << child->property("text").toString()
                                    << (child->property("truncated").toBool() ? " (cut)" : " (whole)") << "\n";
        // U+FFFC is drawn as nothing by the box's TextEdit; TypedText.qml shows it as U+FFFD (session 35).
        if (text.contains(QChar(0xFFFC)) || text.contains(QChar(0xFFFD)))
            QTextStream(stdout) << "message box U+FFFC: " << text.count(QChar(0xFFFC))
                                << ", U+FFFD: " << text.count(QChar(0xFFFD)) << "\n";
    }
    if (const QQuickItem* pasted = findItem(window_->contentItem(), QStringLiteral("pastedText"))) {
        QTextStream(stdout) << "pasted beside the box: " << pasted->property("text").toString().size()
                            << " characters\n";
        // Whether the tooltip on screen lies over that row: "Left out U+202E…" covered its "Pasted text: …" label
        // (session 47's trial). The note is the box's own tooltip (Composer's leftOutNote) since session 58, else the
        // one Qt shares.
        const QObject* tip = window_->findChild<QObject*>(QStringLiteral("leftOutNote"));
        if (!tip || !tip->property("visible").toBool())
            tip = QQmlProperty(window_->contentItem(), QStringLiteral("ToolTip.toolTip"), qmlContext(window_))
                      .read().value<QObject*>();
        const auto* tipBox = tip ? tip->property("background").value<QQuickItem*>() : nullptr;
        if (pasted->isVisible() && tipBox && tip->property("visible").toBool()) {
            const QRectF row = pasted->mapRectToScene(QRectF(0, 0, pasted->width(), pasted->height()));
            const QRectF box = tipBox->mapRectToScene(QRectF(0, 0, tipBox->width(), tipBox->height()));
            QTextStream(stdout) << "pasted text under the tooltip: " << (row.intersects(box) ? "yes" : "no") << "\n";
        }
    }
    // The window's error banner when shown (its sentence | its details: in the window's language after a switch,
    // session 28's trial, F9) and the header's model button (its text, "cut" when elided: F2).
    if (const QQuickItem* banner = findItem(window_->contentItem(), QStringLiteral("errorBanner"));
        banner && banner->isVisible())
        QTextStream(stdout) << "error banner: "
                            << banner->property("shown").toString().replace(u'\n', QStringLiteral("\\n")) << " | "
                            << banner->property("detail").toString().replace(u'\n', QStringLiteral("\\n")) << "\n"
                            << "error banner style: " << (banner->property("notice").toBool() ? "notice" : "error")
                            << "\n";
    // The reply's status line as drawn: its lines and whether it is cut (the lines it needs, never cut: session
    // 37's trial read "…— re-re…" at 1,100 px, session 50's "…re-reading 2 mes…" at three lines).
    if (const QQuickItem* status = findItem(window_->contentItem(), QStringLiteral("replyStatus"));
        status && !status->property("text").toString().isEmpty())
        QTextStream(stdout) << "reply status drawn: " << status->property("lineCount").toInt() << " line(s)"
                            << (status->property("truncated").toBool() ? ", cut" : "") << "\n"
                            << "reply status text: " << status->property("text").toString() << "\n";
    // The chat's memory line when shown ("Memory: 12,345 tokens read"; "cut" when elided or any of it lies outside the
    // status bar), and the status bar's texts drawn over each other: the line sits beside the model's name, or under
    // it where the reply's status needs the room.
    if (QQuickItem* bar = findItem(window_->contentItem(), QStringLiteral("statusBar"))) {
        if (const QQuickItem* memory = findItem(bar, QStringLiteral("memoryLine")); memory && memory->isVisible()) {
            const QRectF line = memory->mapRectToScene(QRectF(0, 0, memory->property("contentWidth").toReal(),
                                                              memory->property("contentHeight").toReal()));
            const QRectF room = bar->mapRectToScene(QRectF(0, 0, bar->width(), bar->height()));
            // "(whole, on 2 lines)": wrapped, its last words on a line of their own (session 55's trial).
            const int lines = memory->property("lineCount").toInt();
            QTextStream(stdout) << "memory line: " << memory->property("text").toString()
                                << (room.contains(line) && !memory->property("truncated").toBool() ? " (whole" : " (cut")
                                << (lines > 1 ? QStringLiteral(", on %1 lines)").arg(lines) : QStringLiteral(")"))
                                << "\n";
        }
        QTextStream(stdout) << "status bar: overlapping texts: " << overlappingTexts(bar) << "\n";
    }
    // An empty chat's heading when it is drawn: "No messages in this chat" for a chat of the library without
    // one (a chat recovered by its title alone), the welcome for a new chat.
    if (const QQuickItem* empty = findItem(window_->contentItem(), QStringLiteral("emptyChatHeading"));
        empty && empty->isVisible())
        QTextStream(stdout) << "empty chat: " << empty->property("text").toString() << "\n";
    // The chat's instructions line when shown: "Instructions: …", or "Add instructions…" in a new chat without any.
    if (const QQuickItem* line = findItem(window_->contentItem(), QStringLiteral("instructionsLineText"));
        line && line->isVisible())
        QTextStream(stdout) << "instructions line: " << line->property("text").toString() << "\n";
    // The "Made from “…”" line of a chat made by New chat from here, when shown.
    if (const QQuickItem* line = findItem(window_->contentItem(), QStringLiteral("madeFromLine")); line && line->isVisible())
        QTextStream(stdout) << "made from line: " << line->property("lineText").toString() << "\n";
    // The instructions dialog's field when open, and the note under it (a paste refused, a text over the limit:
    // session 47's trial, a 1 MB paste taken whole).
    if (const QQuickItem* field = findItem(window_->contentItem(), QStringLiteral("instructionsField"));
        field && field->isVisible()) {
        QTextStream(stdout) << "instructions field: " << field->property("text").toString().size() << " characters\n";
        if (const QQuickItem* note = findItem(window_->contentItem(), QStringLiteral("instructionsFieldLimit"));
            note && note->isVisible())
            QTextStream(stdout) << "instructions note: " << note->property("text").toString() << "\n";
    }
    // Its starting state's line when shown: "Starting state: pirate.pth" (a chat that starts from a state-tuning file).
    if (const QQuickItem* line = findItem(window_->contentItem(), QStringLiteral("startStateLineText"));
        line && line->isVisible())
        QTextStream(stdout) << "start state line: " << line->property("text").toString() << "\n";
    // The sidebar row marked as writing a reply (session 36's trial, F4: no row said which chat was writing;
    // the "send button:" line below shows the chat beside it offers Send, not Stop).
    if (const QQuickItem* mark = findItem(window_->contentItem(), QStringLiteral("conversationWriting")))
        for (const QQuickItem* row = mark; row; row = row->parentItem())
            if (row->objectName().startsWith(QStringLiteral("conversationRow-"))) {
                QTextStream(stdout) << "writing in the sidebar: " << row->objectName() << " "
                                    << mark->property("text").toString() << "\n";
                break;
            }
    // The sidebar's folder rows made (those in or near view), top down: "folder rows: Home 2 closed | Work 3 open",
    // "Home 2 closed, holds the open chat" where it is drawn as selected; the rows that draw their "⋯" and why, top
    // down: "row menu marks: conversationRow-4 selected | conversationRow-2 focus, hovered" (hovered: under the
    // pointer as the row last heard; a mark left on a row the pointer had left, session 48's trial);
    // and the folder dialog's note when shown (a name refused).
    {
        QList<const QQuickItem*> folders;
        QList<QQuickItem*> rows;
        const std::function<void(QQuickItem*)> walk = [&](QQuickItem* item) {
            if (item->objectName().startsWith(QStringLiteral("folderRow-")) && item->isVisible()) folders << item;
            if ((item->objectName().startsWith(QStringLiteral("folderRow-")) ||
                 item->objectName().startsWith(QStringLiteral("conversationRow-"))) && item->isVisible())
                rows << item;
            for (QQuickItem* child : item->childItems()) walk(child);
        };
        walk(window_->contentItem());
        const auto topDown = [](const QQuickItem* a, const QQuickItem* b) {
            return a->mapToScene({0, 0}).y() < b->mapToScene({0, 0}).y();
        };
        std::sort(folders.begin(), folders.end(), topDown);
        std::sort(rows.begin(), rows.end(), topDown);
        QStringList shown;
        for (const QQuickItem* row : folders)
            shown << row->property("folderName").toString() + u' ' + QString::number(row->property("chatCount").toInt()) +
                         (row->property("collapsed").toBool() ? QStringLiteral(" closed") : QStringLiteral(" open")) +
                         (row->property("selected").toBool() ? QStringLiteral(", holds the open chat") : QString());
        if (!shown.isEmpty()) QTextStream(stdout) << "folder rows: " << shown.join(QStringLiteral(" | ")) << "\n";
        QStringList marks;
        for (QQuickItem* row : rows) {
            const QQuickItem* button = findItem(row, QStringLiteral("conversationMenuButton"));
            if (!button || !button->isVisible()) continue;
            QStringList why;
            if (row->property("selected").toBool()) why << QStringLiteral("selected");
            if (row->hasActiveFocus()) why << QStringLiteral("focus");
            if (row->property("hovered").toBool()) why << QStringLiteral("hovered");
            if (const auto* menu = button->property("shownMenu").value<QObject*>(); menu && menu->property("visible").toBool())
                why << QStringLiteral("menu");
            marks << row->objectName() + u' ' + why.join(QStringLiteral(", "));
        }
        if (!marks.isEmpty()) QTextStream(stdout) << "row menu marks: " << marks.join(QStringLiteral(" | ")) << "\n";
        // The open chat's row: wholly in sight in the sidebar, or not (scrolled away, or not made as it is far from
        // the rows in view): a reply re-sorted it to the top out of a list scrolled down to it (session 54's trial2).
        const auto open = std::find_if(rows.cbegin(), rows.cend(), [](const QQuickItem* row) {
            return row->objectName().startsWith(QStringLiteral("conversationRow-")) && row->property("selected").toBool();
        });
        QTextStream(stdout) << "open chat's row: "
                            << (open == rows.cend() ? QStringLiteral("not made")
                                                    : (*open)->objectName() +
                                                          (wholeInView(window_, *open) ? QStringLiteral(" in view")
                                                                                       : QStringLiteral(" out of view")))
                            << "\n";
        // The open Move to folder submenu: where each item's text starts in it, px from the item's left edge, top down
        // ("move to folder menu: Home at 40 | Work at 40 | New folder… at 40": New folder… at 6 beside the names,
        // which keep room for a check mark, session 48's trial).
        QList<QQuickItem*> items;
        const std::function<void(QQuickItem*)> menuItems = [&](QQuickItem* item) {
            if ((item->objectName().startsWith(QStringLiteral("moveToFolder-")) ||
                 item->objectName() == QLatin1String("newFolderMenuItem")) && item->isVisible())
                items << item;
            for (QQuickItem* child : item->childItems()) menuItems(child);
        };
        menuItems(window_->contentItem());
        std::sort(items.begin(), items.end(), topDown);
        QStringList texts;
        for (QQuickItem* item : items)
            if (const auto* text = item->property("contentItem").value<QQuickItem*>())
                texts << item->property("text").toString() + QStringLiteral(" at ") +
                             QString::number(qRound(text->mapToItem(item, QPointF(0, 0)).x() +
                                                    text->property("leftPadding").toReal()));
        if (!texts.isEmpty()) QTextStream(stdout) << "move to folder menu: " << texts.join(QStringLiteral(" | ")) << "\n";
        if (const QQuickItem* note = findItem(window_->contentItem(), QStringLiteral("folderNameProblem"));
            note && note->isVisible())
            QTextStream(stdout) << "folder dialog note: " << note->property("text").toString() << "\n";
    }
    // The import banner when shown (its message: in the window's language after a switch too).
    if (const QQuickItem* message = findItem(window_->contentItem(), QStringLiteral("importMessage"));
        message && message->isVisible()) {
        QTextStream(stdout) << "import banner: "
                            << message->property("text").toString().replace(u'\n', QStringLiteral("\\n")) << "\n";
        // Its border's colour and each line's: a refused file's line in the danger colour, the banner's border
        // too only when every line is a refusal (session 35's check: one refusal drew the whole banner red).
        const QQuickItem* banner = findItem(window_->contentItem(), QStringLiteral("importBanner"));
        const auto* border = banner ? banner->property("border").value<QObject*>() : nullptr;
        QStringList colours;
        for (const QQuickItem* line : message->childItems())
            if (line->objectName() == QLatin1String("importLine"))
                colours << line->property("color").value<QColor>().name();
        QTextStream(stdout) << "import banner colours: border "
                            << (border ? border->property("color").value<QColor>().name() : QStringLiteral("?"))
                            << ", lines " << colours.join(QStringLiteral(" ")) << "\n";
    }
    // The download banner's note when shown (why it waits, whose lock it took over) and its colour; and any
    // text drawn as markup (none expected: the app's own markup is Text.StyledText).
    if (const QQuickItem* note = findItem(window_->contentItem(), QStringLiteral("downloadNote"));
        note && note->isVisible())
        QTextStream(stdout) << "download note: "
                            << note->property("text").toString().replace(u'\n', QStringLiteral("\\n"))
                            << " | colour " << note->property("color").value<QColor>().name() << "\n";
    // Whether the banner's first line (what downloads, how far) is drawn inside the banner: a note taller than
    // the banner's place pushed it out of view (session 29's check, L3).
    if (QQuickItem* banner = findItem(window_->contentItem(), QStringLiteral("downloadBanner"));
        banner && banner->isVisible())
        if (const QQuickItem* line = findItem(banner, QStringLiteral("downloadText"))) {
            const QRectF outer = banner->mapRectToScene(QRectF(0, 0, banner->width(), banner->height()));
            const QRectF inner = line->mapRectToScene(QRectF(0, 0, line->width(), line->height()));
            QTextStream(stdout) << "download line in the banner: " << (outer.contains(inner) ? "yes" : "no")
                                << "\n";
        }
    if (const QStringList markup = markupDrawn(window_->contentItem()); !markup.isEmpty())
        QTextStream(stdout) << "drawn as markup: " << markup.join(QStringLiteral(" | ")) << "\n";
    if (const QQuickItem* button = findItem(window_->contentItem(), QStringLiteral("modelButton")))
        if (const auto* label = button->property("contentItem").value<QQuickItem*>()) {
            QTextStream(stdout) << "model button: " << label->property("text").toString()
                                << (label->property("truncated").toBool() ? " (cut)" : "") << "\n";
            if (const QQuickItem* title = findItem(window_->contentItem(), QStringLiteral("chatTitle"))) {
                QTextStream(stdout) << "header: title " << qRound(title->width()) << " px, model button "
                                    << qRound(button->width()) << " px\n";
                // The title as drawn: elided as the label elides it (its elide mode, its width), "cut" when it is.
                const QString text = title->property("text").toString();
                const bool cut = title->property("truncated").toBool();
                const QString drawn =
                    cut ? QFontMetricsF(title->property("font").value<QFont>())
                              .elidedText(text, Qt::TextElideMode(title->property("elide").toInt()), title->width())
                        : text;
                QTextStream(stdout) << "header title drawn: " << drawn << (cut ? " (cut)" : " (whole)") << "\n";
            }
        }
    // The note that the box's text could not be kept as a draft (a full disk), when shown.
    if (const QQuickItem* note = findItem(window_->contentItem(), QStringLiteral("draftNote")); note && note->isVisible())
        QTextStream(stdout) << "draft note: " << note->property("text").toString() << "\n";
    // A read-only library's note above the box when shown, and Send: on or off (session 36's trial, F6).
    if (const QQuickItem* note = findItem(window_->contentItem(), QStringLiteral("readOnlyNote")); note && note->isVisible())
        QTextStream(stdout) << "read-only note: " << note->property("text").toString() << "\n";
    // The empty sidebar's words when shown (session 40's trial: "No conversations yet" beside "Trash (1)").
    if (const QQuickItem* empty = findItem(window_->contentItem(), QStringLiteral("emptyLibraryText")); empty && empty->isVisible())
        QTextStream(stdout) << "empty sidebar: " << empty->property("text").toString().replace(u'\n', u' ') << "\n";
    if (const QQuickItem* send = findItem(window_->contentItem(), QStringLiteral("sendButton")))
        QTextStream(stdout) << "send button: " << send->property("text").toString() << ", "
                            << (send->isEnabled() ? "enabled" : "disabled") << "\n";
    // The prefill bar when shown (the e2e test: a conversation read again counts its tokens).
    if (const QQuickItem* bar = findItem(window_->contentItem(), QStringLiteral("prefillBar")); bar && bar->isVisible())
        QTextStream(stdout) << "prefill bar: " << bar->property("text").toString() << "\n";
    // The Edit dialog when open (in the overlay): what its box holds and the long text held above it.
    if (const QQuickItem* edit = findItem(window_->contentItem(), QStringLiteral("editInput")))
        QTextStream(stdout) << "edit box: " << edit->property("text").toString().size() << " characters\n";
    if (const QQuickItem* held = findItem(window_->contentItem(), QStringLiteral("editHeldText")))
        QTextStream(stdout) << "held in the edit dialog: " << held->property("text").toString().size()
                            << " characters\n";
}

void ScreenshotHook::reportDialogs() {
    // Qt Quick's file or folder dialog when open (the e2e test: its current row is readable, session 20's F4;
    // its title names Ctrl+L), and the selected text of its name field (Export…), which keeps the app's colours.
    for (const QString& name : {QStringLiteral("fileDialogListView"), QStringLiteral("folderDialogListView")})
        if (QQuickItem* rows = findItem(window_->contentItem(), name); rows && rows->isVisible()) {
            QTextStream(stdout) << "dialog row: " << dialogRowColours(rows, window_->activeFocusItem()) << "\n";
            if (name == QLatin1String("fileDialogListView"))  // each row's size as drawn (session 40's check)
            {
                QTextStream(stdout) << "dialog sizes: " << dialogRowSizes(rows) << "\n";
                QTextStream(stdout) << "dialog times: " << dialogRowTimes(rows) << "\n";  // beside the sizes (session 59)
            }
            // The folder it shows (its implementation, "control" in the list's context: session 30's F5).
            if (const QQmlContext* context = qmlContext(rows))
                if (const QObject* control = context->objectForName(QStringLiteral("control")))
                    QTextStream(stdout) << "dialog folder: "
                                        << control->property("currentFolder").toUrl().toLocalFile() << "\n";
        }
    if (const QQuickItem* title = findItem(window_->contentItem(), QStringLiteral("dialogTitleBarLabel"));
        title && title->isVisible())
        QTextStream(stdout) << "dialog title: " << title->property("text").toString() << "\n";
    // The path bar's first folder (its text) on the bar (session 32's trial: light grey on white, dark theme).
    if (const QString bar = pathBarColours(window_->contentItem()); !bar.isEmpty())
        QTextStream(stdout) << "dialog path bar: " << bar << "\n";
    if (const QQuickItem* field = findItem(window_->contentItem(), QStringLiteral("fileNameTextField"));
        field && field->isVisible())
        QTextStream(stdout) << "dialog name field: selected text "
                            << field->property("selectedTextColor").value<QColor>().name() << " on "
                            << field->property("selectionColor").value<QColor>().name() << "\n";
    // The Rename dialog when open: whether OK can be pressed and the hint under the field (session 23's trial, T7:
    // OK looked enabled for a blank title and Return did nothing, without a word).
    if (const QQuickItem* field = findItem(window_->contentItem(), QStringLiteral("renameTitleField"));
        field && field->isVisible()) {
        const QQuickItem* ok = findItem(window_->contentItem(), QStringLiteral("renameOkButton"));
        const QQuickItem* cancel = findItem(window_->contentItem(), QStringLiteral("renameCancelButton"));
        const QQuickItem* hint = findItem(window_->contentItem(), QStringLiteral("renameTitleHint"));
        const auto textColour = [](const QQuickItem* button) {
            const auto* label = button ? button->property("contentItem").value<QQuickItem*>() : nullptr;
            return label ? label->property("color").value<QColor>().name() : QStringLiteral("?");
        };
        QTextStream(stdout) << "rename dialog: OK " << (!ok ? "missing" : ok->isEnabled() ? "enabled" : "disabled")
                            << " (text " << textColour(ok) << ", Cancel's " << textColour(cancel) << "); hint: "
                            << (hint && hint->isVisible() ? hint->property("text").toString() : QStringLiteral("none"))
                            << "\n";
    }
    // The question asked before an export replaces a file (session 22's trial, F11), when shown.
    if (const QQuickItem* question = findItem(window_->contentItem(), QStringLiteral("replaceQuestion"));
        question && question->isVisible())
        QTextStream(stdout) << "replace question: " << question->property("text").toString() << "\n";
    // The question asked when the window is closed with a reply not saved (session 24's trial, F1).
    if (const QQuickItem* question = findItem(window_->contentItem(), QStringLiteral("unsavedQuestion"));
        question && question->isVisible())
        QTextStream(stdout) << "unsaved question: "
                            << question->property("text").toString().replace(u'\n', QStringLiteral("\\n")) << "\n";
    // The question asked when the window is closed with text a full disk kept from being saved as a draft.
    if (const QQuickItem* question = findItem(window_->contentItem(), QStringLiteral("unsentQuestion"));
        question && question->isVisible())
        QTextStream(stdout) << "unsent text question: " << question->property("text").toString() << "\n";
    // The question Empty trash asks first (session 35's check: it deleted everything at once).
    if (const QQuickItem* question = findItem(window_->contentItem(), QStringLiteral("emptyTrashQuestion"));
        question && question->isVisible())
        QTextStream(stdout) << "empty trash question: " << question->property("text").toString() << "\n";
    // An open question's width (QuestionDialog: its title's, the dialog's whole width) against the window's and its
    // title's lines: at 150 % text the questions kept their 100 % width and their titles were cut (session 47).
    const std::function<const QQuickItem*(const QQuickItem*)> shownTitle = [&](const QQuickItem* item) -> const QQuickItem* {
        if (!item->isVisible()) return nullptr;
        if (item->objectName() == QLatin1String("questionTitle")) return item;
        for (const QQuickItem* child : item->childItems())
            if (const QQuickItem* found = shownTitle(child)) return found;
        return nullptr;
    };
    if (const QQuickItem* title = shownTitle(window_->contentItem()))
        QTextStream(stdout) << "question dialog: " << qRound(title->width()) << " px wide in " << window_->width()
                            << ", title " << title->property("lineCount").toInt() << " line(s)"
                            << (title->property("truncated").toBool() ? ", cut" : "") << "\n";
    // The trash dialog's copy of the error banner when shown (an error raised while the dialog covers the
    // window's banner): its text and where it is in the window, x,y WxH (the e2e test reads its colours there).
    if (const QQuickItem* banner = findItem(window_->contentItem(), QStringLiteral("trashErrorBanner"));
        banner && banner->isVisible()) {
        const QRectF at = banner->mapRectToScene(QRectF(0, 0, banner->width(), banner->height()));
        QTextStream(stdout) << "trash dialog banner: " << qRound(at.x()) << ',' << qRound(at.y()) << ' '
                            << qRound(at.width()) << 'x' << qRound(at.height()) << ' '
                            << banner->property("shown").toString().replace(u'\n', QStringLiteral("\\n")) << "\n";
    }
    // The trash dialog's Empty trash and Close, and its question's Delete forever and Cancel, when shown: where
    // they are, x,y WxH, and whether they are on (the e2e tests compare their text's contrast there: an off
    // Empty trash looked on, session 32's trial; and its colour: Delete forever in the danger colour).
    for (const QString& name : {QStringLiteral("emptyTrashButton"), QStringLiteral("trashCloseButton"),
                                QStringLiteral("emptyTrashConfirm"), QStringLiteral("emptyTrashCancel")})
        if (const QQuickItem* button = findItem(window_->contentItem(), name); button && button->isVisible()) {
            const QRect at = button->mapRectToScene(QRectF(0, 0, button->width(), button->height())).toRect();
            QTextStream(stdout) << "trash button: " << name << ' ' << at.x() << ',' << at.y() << ' ' << at.width()
                                << 'x' << at.height() << (button->isEnabled() ? " on" : " off") << "\n";
        }
}

void ScreenshotHook::reportSettingsAndPopups() {
    // The Settings page's language, preset and threads boxes and its first device row's detail when open: what
    // they read after a language switch (session 22's trial, F6; the preset box: session 36's trial, F2).
    if (const QQuickItem* box = findItem(window_->contentItem(), QStringLiteral("languageBox")); box && box->isVisible())
        QTextStream(stdout) << "language box: " << box->property("displayText").toString() << "\n";
    if (const QQuickItem* box = findItem(window_->contentItem(), QStringLiteral("textSizeBox")); box && box->isVisible())
        QTextStream(stdout) << "text size box: " << box->property("displayText").toString() << "\n";
    if (const QQuickItem* box = findItem(window_->contentItem(), QStringLiteral("presetBox")); box && box->isVisible())
        QTextStream(stdout) << "preset box: " << box->property("displayText").toString() << "\n";
    // Settings → Custom sampling's fields as they read, and its refusal when one is shown.
    if (const QQuickItem* first = findItem(window_->contentItem(), QStringLiteral("custom_temperature"));
        first && first->isVisible()) {
        QTextStream out(stdout);
        out << "custom sampling:";
        for (const char* name : {"temperature", "topP", "presencePenalty", "frequencyPenalty", "penaltyDecay", "maxTokens"})
            if (const QQuickItem* f = findItem(window_->contentItem(), QStringLiteral("custom_") + QLatin1String(name)))
                out << ' ' << name << '=' << f->property("text").toString();
        out << "\n";
    }
    if (const QQuickItem* e = findItem(window_->contentItem(), QStringLiteral("customSamplingError")); e && e->isVisible())
        QTextStream(stdout) << "custom sampling error: " << e->property("text").toString() << "\n";
    // The preset chip beside Send: its entries (PresetChooser.entries) and its tooltip's text, one line; its label as
    // drawn (elided where the message box needs the room for its hint).
    if (QQuickItem* chip = findItem(window_->contentItem(), QStringLiteral("presetChooser")); chip && chip->isVisible()) {
        QTextStream(stdout) << "preset chip: " << chip->property("displayText").toString() << "; entries: "
                            << chip->property("entries").toString() << "; tooltip: "
                            << chip->property("tip").toString().replace(u'\n', QStringLiteral("\\n")) << "\n";
        if (const QQuickItem* label = findItem(chip, QStringLiteral("presetChipLabel")))
            QTextStream(stdout) << "preset chip drawn: " << qRound(chip->width()) << " px, "
                                << (label->property("truncated").toBool() ? "cut" : "whole") << "\n";
    }
    // The notes that name a path (the folder in use, the settings file), as written (isolated: session 41).
    // The saved states' figure and the note under Free space used by saved states (what it freed, why it waits).
    for (const auto& [name, line] : {std::pair{"dataFolderInUse", "settings: data folder in use: "},
                                     std::pair{"settingsFileNote", "settings: file: "},
                                     std::pair{"stateStorage", "settings: saved states: "},
                                     std::pair{"freeStateSpaceNote", "settings: saved states note: "}})
        if (const QQuickItem* note = findItem(window_->contentItem(), QString::fromLatin1(name)); note && note->isVisible())
            QTextStream(stdout) << line << note->property("text").toString() << "\n";
    // Texts of the Settings page drawn over each other (its API hints in Japanese: session 49).
    if (const QQuickItem* header = findItem(window_->contentItem(), QStringLiteral("settingsHeader")); header && header->isVisible())
        QTextStream(stdout) << "settings: overlapping texts: " << overlappingTexts(header->parentItem()) << "\n";
    // The local API server's switch and its line (serving, why not, off).
    if (const QQuickItem* box = findItem(window_->contentItem(), QStringLiteral("apiServerBox")); box && box->isVisible())
        if (const QQuickItem* line = findItem(window_->contentItem(), QStringLiteral("apiServerStatus")))
            if (const QQuickItem* port = findItem(window_->contentItem(), QStringLiteral("apiPortBox")))
                QTextStream(stdout) << "settings: api server: " << (box->property("checked").toBool() ? "on" : "off")
                                    << ", port " << port->property("value").toInt() << "; "
                                    << line->property("text").toString() << "\n";
    if (const QQuickItem* box = findItem(window_->contentItem(), QStringLiteral("threadsBox")); box && box->isVisible()) {
        QTextStream(stdout) << "threads box: " << box->property("displayText").toString() << "\n";
        // The focus outlines drawn in it (2 px borders shown): one at most, around what has the keys; − or +
        // focused drew the field's ring too (session 34's check).
        int outlines = 0;
        const std::function<void(const QQuickItem*)> count = [&](const QQuickItem* item) {
            const auto* border = item->property("border").value<QObject*>();
            if (item->isVisible() && border && border->property("width").toReal() >= 2) ++outlines;
            for (const QQuickItem* child : item->childItems()) count(child);
        };
        count(box);
        QTextStream(stdout) << "threads box focus outlines: " << outlines << "\n";
    }
    // Their text colours (the e2e test: they follow a theme switched with Settings open; session 31's trial).
    if (const QQuickItem* box = findItem(window_->contentItem(), QStringLiteral("languageBox")); box && box->isVisible()) {
        const QQuickItem* threads = findItem(window_->contentItem(), QStringLiteral("threadsBox"));
        const auto colour = [](const QQuickItem* item) {
            const auto* text = item ? item->property("contentItem").value<QQuickItem*>() : nullptr;
            return text ? text->property("color").value<QColor>().name() : QStringLiteral("?");
        };
        const auto* background = box->property("background").value<QQuickItem*>();
        QTextStream(stdout) << "settings text colours: language box " << colour(box) << " on "
                            << (background ? background->property("color").value<QColor>().name() : QStringLiteral("?"))
                            << ", threads box " << colour(threads) << "\n";
    }
    // The conversation menu when open, its first item's text on the menu, and the tooltip of the item under the
    // pointer (Hover:NAME) when shown: they follow a theme switch (session 32's check).
    if (const QQuickItem* item = findItem(window_->contentItem(), QStringLiteral("renameMenuItem"));
        item && item->isVisible())
        QTextStream(stdout) << "conversation menu: "
                            << drawnColours(item, item->property("menu").value<QObject*>()) << "\n";
    if (QQuickItem* hovered = hovered_.isEmpty() ? nullptr : findItem(window_->contentItem(), hovered_))
        if (const auto* tip = QQmlProperty(hovered, QStringLiteral("ToolTip.toolTip"), qmlContext(hovered))
                                  .read().value<QObject*>(); tip && tip->property("visible").toBool())
            QTextStream(stdout) << "tooltip: " << tip->property("text").toString() << " | "
                                << drawnColours(tip, tip) << "\n";
    // The tooltips on screen, whichever item shows them: the one Qt shares (ToolTip.text) and those an item holds
    // itself (‹ ›'s, BranchSwitcher.qml) — "Next version" shown over the new reply's readouts by ‹ › that Regenerate put
    // under a still pointer (session 38's trial). Then where it lies: below, above or over the control it is about
    // (‹ ›'s covered the version being written above them, session 51's trial2).
    QList<QObject*> tips;
    if (auto* shared = QQmlProperty(window_->contentItem(), QStringLiteral("ToolTip.toolTip"), qmlContext(window_))
                           .read().value<QObject*>(); shared && shared->property("visible").toBool())
        tips << shared;
    // (Through the items: a list's delegates are no QObject children of the list.)
    const std::function<void(QQuickItem*)> collect = [&](QQuickItem* item) {
        for (QObject* o : item->children())
            if (o->inherits("QQuickToolTip") && o->property("visible").toBool() && !tips.contains(o)) tips << o;
        for (QQuickItem* child : item->childItems()) collect(child);
    };
    collect(window_->contentItem());
    for (const QObject* tip : tips) {
        QTextStream(stdout) << "tooltip on screen: " << tip->property("text").toString() << "\n";
        const auto* box = tip->property("background").value<QQuickItem*>();
        const auto* control = tip->property("parent").value<QQuickItem*>();
        if (!box || !control) continue;
        const QRectF b = box->mapRectToScene(QRectF(0, 0, box->width(), box->height()));
        const QRectF c = control->mapRectToScene(QRectF(0, 0, control->width(), control->height()));
        QTextStream(stdout) << "tooltip on screen lies: "
                            << (b.top() >= c.bottom() ? "below" : b.bottom() <= c.top() ? "above" : "over")
                            << " its control\n";
        // And whether it stays between the control's sides: the message box's note stood past its left edge, over the
        // sidebar's border (session 58's trial).
        QTextStream(stdout) << "tooltip on screen between its control's sides: "
                            << (b.left() >= c.left() && b.right() <= c.right() ? "yes" : "no") << "\n";
    }
    if (const QQuickItem* detail = findItem(window_->contentItem(), QStringLiteral("deviceDetail"));
        detail && detail->isVisible())
        QTextStream(stdout) << "device detail: " << detail->property("text").toString() << "\n";
    // The file dialog's accept button (Open: enabled only for a shown file, F4), its text colour, the selected entry.
    if (QQuickItem* rows = findItem(window_->contentItem(), QStringLiteral("fileDialogListView")); rows && rows->isVisible())
        if (const FileDialogParts parts = fileDialogParts(rows); parts.accept && parts.impl) {
            const QString selected = parts.impl->property("selectedFile").toUrl().fileName();
            const auto* label = parts.accept->property("contentItem").value<QQuickItem*>();
            QTextStream(stdout) << "dialog accept button: " << parts.accept->property("text").toString() << ", "
                                << (parts.accept->isEnabled() ? "enabled" : "disabled") << " ("
                                << (label ? label->property("color").value<QColor>().name() : QStringLiteral("?"))
                                << "); selected " << (selected.isEmpty() ? QStringLiteral("nothing") : selected)
                                << "\n";
        }
}

void ScreenshotHook::reportMessageList() {
    // Whether the newest message's foot is in sight (the e2e test: a new turn is followed). Not the list's
    // atYEnd: with messages of different heights its content height is an estimate.
    if (QQuickItem* list = findItem(window_->contentItem(), QStringLiteral("messageList"))) {
        const int count = list->property("count").toInt();
        QQuickItem* newest = nullptr;
        if (count > 0)
            QMetaObject::invokeMethod(list, "itemAtIndex", Q_RETURN_ARG(QQuickItem*, newest), Q_ARG(int, count - 1));
        const qreal top = list->property("contentY").toReal(), foot = newest ? newest->y() + newest->height() : 0;
        QTextStream(stdout) << "newest message in view: "
                            << (newest && foot > top && foot <= top + list->height() + 1 ? "yes" : "no") << "\n";
        QTextStream(stdout) << "top message in view: " << topRow(list) << "\n";
        QTextStream(stdout) << "top message id in view: " << messageIdAt(list, topRow(list)) << ", rows "
                            << count << "\n";
        QTextStream(stdout) << "message rows: " << placedRows(list) << "\n";
        QTextStream(stdout) << "message rows made since the last reset: "
                            << list->property("rowsMadeSinceReset").toInt() << "\n";
        QTextStream(stdout) << "reply notes: " << replyNotes(list) << "\n";
        QTextStream(stdout) << "versions drawn: " << versionSwitchers(list) << "\n";
        QTextStream(stdout) << "message texts drawn: " << drawnRowTexts(list) << "\n";
        QTextStream(stdout) << "selected: " << selectedLength() << "\n";
        QTextStream(stdout) << "selected in the messages: " << selectedInRows(list) << "\n";
        if (watchingFrames_) {
            if (awaySinceMs_ >= 0) longestAwayMs_ = std::max(longestAwayMs_, frameClock_.elapsed() - awaySinceMs_);
            QTextStream(stdout) << "newest message out of view after Return: " << awayFrames_ << " frames, longest "
                                << longestAwayMs_ << " ms\n";
            QStringList tops;
            for (const qint64 id : std::as_const(topIds_)) tops << QString::number(id);
            QTextStream(stdout) << "top message ids after Return: " << tops.join(u' ') << "\n";
        }
        if (const QClipboard* clipboard = QGuiApplication::clipboard())
            QTextStream(stdout) << "clipboard: " << QString(clipboard->text()).replace(u'\n', QStringLiteral("\\n"))
                                << "\n";
    }
}

void ScreenshotHook::reportModelsPage() {
    // The Models page when open: the catalog ids of the cards wholly in sight, top to bottom.
    if (QQuickItem* catalog = findItem(window_->contentItem(), QStringLiteral("catalogView"));
        catalog && catalog->isVisible()) {
        const qreal top = catalog->property("contentY").toReal(), bottom = top + catalog->height();
        QMap<qreal, QString> cards;
        if (const auto* content = catalog->property("contentItem").value<QQuickItem*>())
            for (const QQuickItem* card : content->childItems())
                if (const QVariant id = card->property("modelId"); id.isValid() && card->isVisible() &&
                                                                   card->y() >= top - 1 && card->y() + card->height() <= bottom + 1)
                    cards.insert(card->y(), id.toString());
        QTextStream(stdout) << "models in view: " << cards.values().join(u',') << "\n";
    }
    // Its local models, "local models in view: 4 of 13": the rows wholly in sight in their list, of all of them (the
    // list was at most 180 px high whatever the window's height: session 54's trial2).
    if (QQuickItem* local = findItem(window_->contentItem(), QStringLiteral("localModelsView"));
        local && local->isVisible()) {
        const qreal top = local->property("contentY").toReal(), bottom = top + local->height();
        int inView = 0;
        if (const auto* content = local->property("contentItem").value<QQuickItem*>())
            for (const QQuickItem* row : content->childItems())
                if (row->property("modelData").isValid() && row->isVisible() && row->y() >= top - 1 &&
                    row->y() + row->height() <= bottom + 1)
                    ++inView;
        QTextStream(stdout) << "local models in view: " << inView << " of " << local->property("count").toInt() << "\n";
    }
    // The Models page's line about a catalog file that could not be used (session 23's trial, T6).
    if (const QQuickItem* problem = findItem(window_->contentItem(), QStringLiteral("catalogProblem"));
        problem && problem->isVisible())
        QTextStream(stdout) << "catalog problem: " << problem->property("text").toString() << "\n";
    // Its GPU and RAM line, "whole" when all of it is drawn in its box, in the page: it was drawn on past a
    // box narrower than the text, cut at the window's edge (session 39's trial).
    if (const QQuickItem* memory = findItem(window_->contentItem(), QStringLiteral("modelsMemoryLine"));
        memory && memory->isVisible())
        QTextStream(stdout) << "models memory line: " << memory->property("text").toString() << " | "
                            << (wholeInView(window_, memory) && !memory->property("truncated").toBool() &&
                                        memory->property("contentWidth").toReal() <= memory->width() + 1
                                    ? "whole" : "cut") << "\n";
    // Its line about a models folder that cannot be written (session 27's trial, F9).
    if (const QQuickItem* note = findItem(window_->contentItem(), QStringLiteral("modelsDirNote"));
        note && note->isVisible())
        QTextStream(stdout) << "models folder note: " << note->property("text").toString() << "\n";
}

}  // namespace rwkv::gui
