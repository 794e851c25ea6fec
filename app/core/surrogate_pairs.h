// surrogate_pairs.h — half a UTF-16 surrogate pair in a QString: a high surrogate not followed by a low one, or a low
// one not after a high one (a bad split, a "\ud800" JSON escape). Not a character: QString::toUtf8 writes "?" for it.
// The one test of it for what the store binds (U+FFFD: store/statement.cpp), a folder name (left out:
// store/conversation_store_folders.cpp), a title (U+FFFD: conversation_title.cpp) and an API request (refused:
// api_request.cpp). Tested through those: test_store, test_store_folders, test_conversation_title, test_api_request.
#pragma once

#include <QStringView>

namespace rwkv::app {

/// The index of the first UTF-16 unit of `text` at or after `from` that is half a surrogate pair, or -1. A whole pair
/// (an emoji) is not.
inline qsizetype halfSurrogateAt(QStringView text, qsizetype from = 0) {
    for (qsizetype i = from; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (!c.isSurrogate()) continue;
        if (c.isHighSurrogate() ? i + 1 < text.size() && text.at(i + 1).isLowSurrogate()
                                : i > 0 && text.at(i - 1).isHighSurrogate())
            continue;  // a half of a whole pair
        return i;
    }
    return -1;
}

}  // namespace rwkv::app
