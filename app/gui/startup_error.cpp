// startup_error.cpp — see startup_error.h. Plain Qt Quick Controls, no dependency on the app's QML module
// (which needs the controllers that could not be built).
#include "startup_error.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QImage>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QKeySequence>
#include <QQmlApplicationEngine>
#include <QQmlContext>
#include <QQmlPropertyMap>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTextStream>
#include <QTimer>

#include <atomic>
#include <memory>
#include <utility>

#include "bidi_control.h"  // forTerminal
#include "screenshot_report.h"
#include "synthetic_mouse.h"

namespace rwkv::gui {
namespace {

constexpr char kQml[] = R"QML(
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
ApplicationWindow {
    visible: true
    width: 640; height: 320
    title: startupTitle
    // The app's dark theme (Theme.qml's colours) when chosen; else Basic's own light palette, as before.
    Component.onCompleted: if (startupDark) {
        palette.window = "#1b1d22"; palette.windowText = "#e6e8ec"; palette.base = "#23262c"; palette.text = "#e6e8ec"
        palette.button = "#2d3139"; palette.buttonText = "#e6e8ec"; palette.brightText = "#ffffff"
        palette.highlight = "#5c7cfa"; palette.highlightedText = "#ffffff"; palette.mid = "#363a43"
        palette.dark = "#3b5bdb"; palette.light = "#2d3139"; palette.midlight = "#2d3139"  // dark: a highlighted button
    }
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: 12
        Keys.onEscapePressed: Qt.quit()  // as Quit: the safe way out
        Label { text: startupHeadline; font.pixelSize: 18; font.bold: true; wrapMode: Text.Wrap; Layout.fillWidth: true }
        Label { text: startupDetail; wrapMode: Text.Wrap; Layout.fillWidth: true; color: startupDark ? "#c5cad3" : "#444" }
        Item { Layout.fillHeight: true }
        RowLayout {
            Layout.alignment: Qt.AlignRight
            spacing: 8
            // By keyboard too (session 34's check: no focus at start, Tab and Return did nothing): Quit, the safe
            // choice (nothing is changed), has the focus, drawn (Tab reason: visualFocus); Tab goes between the two
            // buttons, Return or Space presses the focused one, Esc quits. The button drawn as the default (filled:
            // highlighted) is the focused one, the one Return presses: Recover was drawn so while Return quit
            // (session 39's trial, shot 57).
            Button {
                visible: startupRecover.length > 0
                text: startupRecover
                highlighted: activeFocus
                onClicked: { startupChoice.recover = true; Qt.quit() }
                Keys.onReturnPressed: clicked()
                Keys.onEnterPressed: clicked()
            }
            Button {
                visible: startupFresh.length > 0
                text: startupFresh
                highlighted: activeFocus
                onClicked: { startupChoice.freshStart = true; Qt.quit() }
                Keys.onReturnPressed: clicked()
                Keys.onEnterPressed: clicked()
            }
            Button {
                id: quitButton
                text: startupQuit
                highlighted: activeFocus
                onClicked: Qt.quit()
                Keys.onReturnPressed: clicked()
                Keys.onEnterPressed: clicked()
                Component.onCompleted: forceActiveFocus(Qt.TabFocusReason)
            }
        }
    }
}
)QML";

struct StartupClick {
    QString buttonText;  ///< empty: no click pending
    QString whenFile;
    QStringList keys;  ///< --startup-keys: pressed in turn instead of a click
};
StartupClick pendingClick;  // setStartupClick; taken by the next window
bool startupDark = false;   // setStartupDark
constexpr int kStartupDrawnMostMs = 10000;  // saveWhenDrawn: the most it waits for an active, drawn window

/// The button (a Qt Quick Controls AbstractButton) under `item` whose text is `text`, or nullptr.
QQuickItem* findButton(QQuickItem* item, const QString& text) {
    if (!item) return nullptr;
    if (item->inherits("QQuickAbstractButton") && item->isVisible() && item->property("text").toString() == text)
        return item;
    for (QQuickItem* child : item->childItems())
        if (QQuickItem* found = findButton(child, text)) return found;
    return nullptr;
}

/// The visible button under `item` drawn as the default one (highlighted), or nullptr.
const QQuickItem* defaultButton(const QQuickItem* item) {
    if (item->inherits("QQuickAbstractButton") && item->isVisible() && item->property("highlighted").toBool()) return item;
    for (const QQuickItem* child : item->childItems())
        if (const QQuickItem* found = defaultButton(child)) return found;
    return nullptr;
}

/// The button with the keyboard focus in `window`, as the hook prints it: its text, whether its focus outline is drawn
/// (in the window as grabbed now), and the button drawn as the default: "Quit (drawn); default: Quit".
QString focusedButton(QQuickWindow* window) {
    const QQuickItem* focus = window->activeFocusItem();
    if (!focus || !focus->inherits("QQuickAbstractButton")) return QStringLiteral("none");
    const QQuickItem* highlighted = defaultButton(window->contentItem());
    return focus->property("text").toString() +
           (focusOutlineDrawn(window->grabWindow(), focus) ? QStringLiteral(" (drawn)") : QStringLiteral(" (not drawn)")) +
           QStringLiteral("; default: ") + (highlighted ? highlighted->property("text").toString() : QStringLiteral("none"));
}

/// Sends `keys` to `window` one every 150 ms, as a keyboard does, printing the focused button before and after each.
void pressKeys(QQuickWindow* window, const QStringList& keys) {
    QTextStream(stdout) << "start-up focus: " << focusedButton(window) << Qt::endl;
    auto* timer = new QTimer(window);
    timer->setInterval(150);
    auto left = std::make_shared<QStringList>(keys);
    QObject::connect(timer, &QTimer::timeout, window, [window, timer, left] {
        if (left->isEmpty()) return timer->stop();
        const QString name = left->takeFirst();
        const QKeyCombination combination = QKeySequence(name)[0];
        const bool backtab = combination.key() == Qt::Key_Tab && (combination.keyboardModifiers() & Qt::ShiftModifier);
        const int key = backtab ? int(Qt::Key_Backtab) : int(combination.key());
        const QString text = key == Qt::Key_Tab || key == Qt::Key_Backtab         ? QStringLiteral("\t")
                             : key == Qt::Key_Return || key == Qt::Key_Enter ? QStringLiteral("\r")
                             : key == Qt::Key_Space                          ? QStringLiteral(" ")
                                                                             : QString();
        QKeyEvent press(QEvent::KeyPress, key, combination.keyboardModifiers(), text);
        QCoreApplication::sendEvent(window, &press);
        QKeyEvent release(QEvent::KeyRelease, key, combination.keyboardModifiers(), text);
        QCoreApplication::sendEvent(window, &release);
        QTextStream(stdout) << "start-up focus after " << name << ": " << focusedButton(window) << Qt::endl;
    });
    timer->start();
}

/// Clicks `click.buttonText` in `window` as a mouse does (or presses `click.keys`), once the window is drawn and
/// `click.whenFile` (if any) exists.
void clickWhenReady(QQuickWindow* window, const StartupClick& click) {
    auto* poll = new QTimer(window);
    poll->setInterval(100);
    auto drawn = std::make_shared<bool>(false);  // a frame shown: the buttons are laid out where a user sees them
    QObject::connect(window, &QQuickWindow::frameSwapped, window, [drawn] { *drawn = true; });
    QObject::connect(poll, &QTimer::timeout, window, [window, click, poll, drawn] {
        if (!*drawn || (!click.whenFile.isEmpty() && !QFileInfo::exists(click.whenFile))) return;
        poll->stop();
        if (!click.keys.isEmpty()) return pressKeys(window, click.keys);
        QQuickItem* button = findButton(window->contentItem(), click.buttonText);
        if (!button) {
            QTextStream(stderr) << "rwkv-desktop test hook: the start-up window has no button '" << click.buttonText
                                << "'\n";
            QCoreApplication::exit(1);
            return;
        }
        const QPointF at = button->mapToScene(QPointF(button->width() / 2, button->height() / 2));
        clickAt(window, at);
        QTextStream(stdout) << "clicked: " << click.buttonText << "\n";
    });
    poll->start();
}

/// Saves `window` to `path` and quits (exit status 1) once it is drawn as a user sees it: active (the focused button
/// drawn as such), then two frames presented (laid out, then drawn), at most kStartupDrawnMostMs after this call.
/// Until session 44 a fixed 1.5 s later, most of such a start under the e2e tests.
void saveWhenDrawn(QQuickWindow* window, const QString& path) {
    auto frames = std::make_shared<std::atomic<int>>(0);  // frames presented (render thread)
    QObject::connect(window, &QQuickWindow::frameSwapped, window, [frames] { ++*frames; }, Qt::DirectConnection);
    auto* poll = new QTimer(window);
    poll->setInterval(10);
    QElapsedTimer clock;
    clock.start();
    QObject::connect(poll, &QTimer::timeout, window, [window, path, poll, frames, clock, since = -1, asked = -1]() mutable {
        if (since < 0 && window->isActive()) since = frames->load();  // the frames from then on
        const int shown = since < 0 ? 0 : frames->load() - since;
        if (shown < 2 && clock.elapsed() < kStartupDrawnMostMs) {
            if (since >= 0 && shown != asked) {  // a frame even where nothing changes
                asked = shown;
                window->update();
            }
            return;
        }
        poll->stop();
        window->grabWindow().save(path);
        QCoreApplication::exit(1);
    });
    poll->start();
}

}  // namespace

void setStartupClick(const QString& buttonText, const QString& whenFile) {
    pendingClick.buttonText = buttonText;
    pendingClick.whenFile = whenFile;
}

void setStartupKeys(const QStringList& keys) { pendingClick.keys = keys; }

void setStartupDark(bool dark) { startupDark = dark; }

StartupChoice showStartupError(QGuiApplication& app, const QString& headline, const QString& detail,
                               const QString& screenshotPath, const QString& freshStartLabel,
                               const QString& recoverLabel) {
    // For a terminal: without the isolates around its paths (a path copied from there kept them: session 42's trial)
    QTextStream(stderr) << "rwkv-desktop: " << rwkv::app::forTerminal(headline) << "\n"
                        << rwkv::app::forTerminal(detail) << "\n";
    QQmlApplicationEngine engine;
    engine.rootContext()->setContextProperty(QStringLiteral("startupTitle"),
                                             QCoreApplication::translate("main", "RWKV Desktop"));
    engine.rootContext()->setContextProperty(QStringLiteral("startupHeadline"), headline);
    engine.rootContext()->setContextProperty(QStringLiteral("startupDetail"), detail);
    engine.rootContext()->setContextProperty(QStringLiteral("startupQuit"),
                                             QCoreApplication::translate("main", "Quit"));
    engine.rootContext()->setContextProperty(QStringLiteral("startupFresh"), freshStartLabel);
    engine.rootContext()->setContextProperty(QStringLiteral("startupRecover"), recoverLabel);
    engine.rootContext()->setContextProperty(QStringLiteral("startupDark"), startupDark);
    QQmlPropertyMap choice;  // the QML sets freshStart or recover when its button is clicked
    choice.insert(QStringLiteral("freshStart"), false);
    choice.insert(QStringLiteral("recover"), false);
    engine.rootContext()->setContextProperty(QStringLiteral("startupChoice"), &choice);
    engine.loadData(QByteArray(kQml));
    auto* window = engine.rootObjects().isEmpty() ? nullptr : qobject_cast<QQuickWindow*>(engine.rootObjects().first());
    if (window == nullptr) return StartupChoice::Quit;
    // On top of the other windows and active: a second start on a folder already open showed its notice behind the
    // running app's window where no window manager places new windows (Xvfb), and looked like a hang (session 36's
    // trial, nit). raise() restacks it without a window manager; with one, requestActivate() asks it to.
    window->raise();
    window->requestActivate();
    if (!pendingClick.buttonText.isEmpty() || !pendingClick.keys.isEmpty()) {
        clickWhenReady(window, std::exchange(pendingClick, {}));
    } else if (!screenshotPath.isEmpty()) {
        saveWhenDrawn(window, screenshotPath);
    }
    app.exec();
    if (choice.value(QStringLiteral("recover")).toBool()) return StartupChoice::Recover;
    return choice.value(QStringLiteral("freshStart")).toBool() ? StartupChoice::StartFresh : StartupChoice::Quit;
}

}  // namespace rwkv::gui
