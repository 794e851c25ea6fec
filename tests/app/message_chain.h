// message_chain.h — a long conversation on one branch for the tests that read one a part at a time.
#pragma once

#include <functional>

#include "store/conversation_store.h"

namespace rwkv::test {

/// `count` messages on one branch — a question, its answer, and so on — numbered 1..count as in a bundle, each with
/// `text(i)` as its text; finished. ConversationStore::importConversation writes it.
inline store::ConversationImport messageChain(const QString& title, int count, const std::function<QString(int)>& text) {
    store::ConversationImport data;
    data.conversation.title = title;
    for (int i = 1; i <= count; ++i) {
        store::Message m;
        m.id = i;
        m.parent_id = i - 1;
        m.role = i % 2 == 1 ? store::Role::User : store::Role::Assistant;
        m.text = text(i);
        data.messages << m;
    }
    return data;
}

}  // namespace rwkv::test
