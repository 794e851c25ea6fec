// unix_signals.h — turns SIGTERM, SIGINT and SIGHUP into a normal QCoreApplication::quit(), so a reply being
// written when the session ends (logout, `kill`, Ctrl+C) is stopped and saved like a click on Stop.
#pragma once

namespace rwkv::gui {

/// Installs the handlers (a self-pipe read by a QSocketNotifier on the GUI thread). Call once, after the
/// application object exists. Returns false when the pipe cannot be created (then signals keep their defaults).
bool quitOnTerminationSignals();

}  // namespace rwkv::gui
