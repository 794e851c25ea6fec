// recovery_notice.h — what the start says after "Recover what can be read" (store/database_recovery.h): the
// banner's sentences in the window's language, and the line on stderr. Tested by
// tests/e2e/test_data_folder_e2e.cpp (recoveredChatWithoutMessagesSaysSo: en, zh_CN, the C locale;
// damagedDatabaseIsRecoveredOnRequest) and tests/app/test_recovery_notice.cpp (the chats renamed, named).
#pragma once

#include <QString>

#include "store/database_recovery.h"

namespace rwkv::gui {

/// The banner: the chats back (those by title only among them) and their messages, in plural forms; the chats known
/// lost; that more may be lost when pages or the header could not be read; where the damaged file went; the chats whose
/// damaged titles were replaced, by their new titles.
QString recoveryNotice(const store::RecoveryReport& report, const QString& movedAsideTo);

/// The same counts for stderr, in English: "; recovered 3 chats (1 message) from it, 2 of them by title only (their
/// messages lost); " (", by title only (its messages lost)" for the one chat back, ", all by title only …" for every
/// one, nothing when none) then what was lost — "no chat lost", "2 chats could not be read", either with ", more may be
/// lost (N pages unread…)", or "how many chats were lost is not known (N pages unread…)" — and "\n".
QString recoveryLogLine(const store::RecoveryReport& report);

}  // namespace rwkv::gui
