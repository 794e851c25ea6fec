// scripted_actions.h — the --select ID and --search TEXT test hooks of rwkv-desktop: open conversations and run
// sidebar searches one after another (a frame apart, so RWKV_TIMING=1 logs each), then continue start-up
// (load the model, after which --screenshot captures). Used for screenshots and the scale measurements in
// docs/conversations.md.
#pragma once

#include <QStringList>

#include <functional>

class QObject;
class QQuickWindow;

namespace rwkv::app {
class ChatController;
class LibraryController;
}
namespace rwkv::store {
class ConversationStore;
}

namespace rwkv::gui {

/// Runs every "select" (conversation ids) then every "search" text, each once the app's window has presented a frame
/// since the step before (afterNextFrame; the first after the window's first frame), then calls `done` likewise after
/// the last (at once when there is nothing to do). Values that are not ids are reported on stderr and skipped.
void runScriptedActions(rwkv::app::ChatController& chat, rwkv::app::LibraryController& library,
                        const QStringList& selectIds, const QStringList& searches, std::function<void()> done);

/// Calls `then` (on `context`'s thread, once) after `window` has presented its next frame, or kFrameWaitMs later when
/// no frame comes (a window not shown): main.cpp runs --import there, so the window is drawn with the banner's
/// "Importing …" before the import holds the GUI thread.
void afterNextFrame(QQuickWindow* window, QObject* context, std::function<void()> then);
inline constexpr int kFrameWaitMs = 10000;

/// Why the --select ids cannot all be opened from `store` (the database file `dbPath`): the first that names no
/// conversation, or one in the trash, in the words of the option's refusal of "abc" (translated, context "main");
/// empty when every one can. main.cpp stops the start with it (exit 1): before, `--select 99` opened the newest chat
/// without a word (session 26's trial, F12).
QString selectProblem(const rwkv::store::ConversationStore& store, const QString& dbPath, const QStringList& selectIds);

}  // namespace rwkv::gui
