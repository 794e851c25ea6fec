// MessageView.qml — the messages of the current conversation (Chat.messages), kept scrolled to the newest
// while a reply streams in; an empty chat shows a short welcome instead. Tab and Shift+Tab walk the messages'
// buttons in reading order and scroll the one they reach into view.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RwkvDesktop.Core

Item {
    id: root

    /// The empty chat's "download a model" link (shown while the demo model is loaded) was clicked.
    signal showModels()

    /// A chat of the library (not a new one) without a message, and none on its way: recovered by its title alone from
    /// a damaged database, or one whose first message could not be saved. It says so instead of the new chat's welcome,
    /// which read as if its messages were simply not shown (session 37's check).
    readonly property bool storedChatEmpty: list.count === 0 && Chat.currentConversationId !== 0
                                            && !(Chat.composerState === Chat.Generating && Chat.replyElsewhere.length === 0)

    // Chat.messages as rows changed in place: the controller reloads the whole branch when a turn starts (a model
    // reset), and ListView answers a reset by making its delegates anew from the conversation's top — on a busy machine
    // the top stayed on screen after a Send until the view was put back at the newest message (session 15), and a
    // scroll or a selection made meanwhile was lost. Another conversation is still a reset.
    StableRows {
        id: rows
        keyRole: "messageId"
        source: Chat.messages
        // Every row replaced (another chat opened, a window around a search hit): ListView lays the new rows out from
        // their top, making each row in view there, and followNewest then stepped down from there to the newest row,
        // making every row of the page read (ChatController::kPageMessages, 100) on the GUI thread — each click on a
        // long chat in the sidebar froze the window 210-440 ms on the loaded 2-core box (session 52; 93 of the 100
        // rows made, whatever the chat's length past 100). So nothing is laid out in the reset (no room at the end of
        // the view), and the view goes to the newest row at once: only the rows in view there are made, placed by the
        // list's estimate, and followNewest puts the newest row's foot right. Laid out from the top as before: a
        // window around a search hit (Chat.messages.newerMessages, already the new rows' here), which onMessageShown
        // puts in view, and the same chat's rows replaced while the view does not follow the newest (‹ › on the first
        // message read, at the view's top).
        onRowsAboutToBeReplaced: {
            list.rowsMadeSinceReset = 0
            list.displayMarginEnd = -list.height - list.cacheBuffer - 1
        }
        onRowsReplaced: {
            const opened = Chat.currentConversationId !== list.rowsConversationId  // (currentConversationChanged comes next)
            list.rowsConversationId = Chat.currentConversationId
            list.displayMarginEnd = 0
            if ((opened || list.following) && list.count > 0 && list.height > 0 && !Chat.messages.newerMessages)
                list.positionViewAtIndex(list.count - 1, ListView.End)
            else
                list.forceLayout()
        }
    }

    ListView {
        id: list
        objectName: "messageList"  // the test hook prints whether it is scrolled to the newest message
        anchors.fill: parent
        clip: true
        model: rows
        // No current item: ListView would keep it (row 0 by default) made while far out of view, a stray stop in the
        // Tab chain between the header and the messages around the view.
        currentIndex: -1
        spacing: Theme.spacing + 4
        topMargin: Theme.spacing * 2
        bottomMargin: Theme.spacing * 2
        boundsBehavior: Flickable.StopAtBounds
        // Virtualized: only the visible replies plus this margin are instantiated; the margin keeps Markdown
        // layout work out of the frames of a scroll.
        cacheBuffer: 1600
        ScrollBar.vertical: ScrollBar {
            objectName: "messageScrollBar"  // the test hook drags it (--keys ScrollBarUp)
            policy: ScrollBar.AsNeeded
            onPressedChanged: {
                list.following = pressed ? false : list.newestInView()  // dragged by the user
                // Let go at its top: the user asks for the first message, read down to it (readToFirst).
                // Before (session 30's check, P3) each let-go read one page and stopped at its end: the top of a long
                // chat took the bar's top 3 times and a step up.
                if (!pressed && position <= 0 && Chat.messages.olderMessages) list.readToFirst()
                else Qt.callLater(list.showOlderIfNear)  // held near the top: the older page once it is let go
                Qt.callLater(list.showNewerIfNear)
            }
        }
        // Follow the newest text unless the user scrolled up to read. Decided only when the user moves the view (drag,
        // flick, wheel, scroll bar, Tab to a message's button), never as the content grows: a reply growing below the
        // view does not turn following off, and the user's own scroll is not undone by the next piece of the reply.
        // Not ListView.atYEnd: with messages of different heights the content height is an estimate. Before, a drag of
        // the scroll bar left following on (no movement of the list's own), and the next piece of the reply pulled the
        // view back down (test_scroll_e2e).
        property bool following: true
        // How far below the view's foot the newest message's foot may be and still count as "at the newest message":
        // about a line of text, so that a reply's next line arriving during the scroll does not count as scrolled up.
        readonly property real followSlack: 32
        // Rows (delegates) made since the rows were last replaced (StableRows' reset): the test hook's "message rows
        // made since the last reset".
        property int rowsMadeSinceReset: 0
        property var rowsConversationId: 0  // the chat whose rows were last laid out anew (qint64: not an int)
        function newestInView() {
            if (Chat.messages.newerMessages) return false  // a window around a search hit: the newest lies further down
            if (count === 0) return true
            const newest = itemAtIndex(count - 1)  // made only around the view: absent = far from it
            return newest !== null && newest.y + newest.height <= contentY + height + followSlack
        }
        onMovementStarted: following = false  // content growth during a drag or flick must not pull the view down
        onMovementEnded: following = newestInView()
        onCountChanged: {
            if (following) Qt.callLater(followNewest)
            Qt.callLater(showOlderIfNear)
            Qt.callLater(showNewerIfNear)
        }
        onContentHeightChanged: if (following) Qt.callLater(followNewest)
        onHeightChanged: if (following) Qt.callLater(followNewest)  // the prefill bar shown or hidden below the list
        onContentYChanged: {
            Qt.callLater(showOlderIfNear)
            Qt.callLater(showNewerIfNear)
        }
        // A window around a search hit (Chat.loadNewerMessages): the next page of the branch below its last row, once
        // the view is within a view's height of it. Rows put below the view do not move what it shows.
        function showNewerIfNear() {
            if (!Chat.messages.newerMessages || count === 0 || ScrollBar.vertical.pressed) return
            if (contentHeight > height && originY + contentHeight - (contentY + height) > height) return
            Chat.loadNewerMessages()
        }
        // A long conversation is read a page at a time, newest first (Chat.loadOlderMessages): the next older page is
        // put above the first row once the user has scrolled to within a view's height of it, or while the rows read do
        // not fill the view. Not while it follows the newest message (where the view is put as it opens), nor while
        // the scroll bar is held: the content growing under the hand moved the handle away from it.
        function showOlderIfNear() {
            if (!Chat.messages.olderMessages || count === 0 || ScrollBar.vertical.pressed) return
            const filled = contentHeight > height
            if (filled && (following || contentY - originY > height)) return
            // The row at the view's top stays where it is on screen: ListView by itself showed the new rows from the
            // top (the view was at its top), which asked for the next page again, and so on.
            let top = -1  // the first row in view (not a gap between rows)
            for (let y = contentY; top < 0 && y < contentY + height; y += spacing) top = indexAt(width / 2, y)
            const anchor = top >= 0 ? itemAtIndex(top) : null
            const offset = anchor ? anchor.y - contentY : 0
            const before = count
            if (!Chat.loadOlderMessages() || !anchor) return
            const row = top + count - before
            positionViewAtIndex(row, ListView.Beginning)
            const again = itemAtIndex(row)
            if (again) contentY = again.y - offset
        }
        // Reads the older messages down to the first one (Chat.maxMessagesRead at most: a longer chat shows the first
        // of them, and the next let-go at the top reads as many again) and shows it at the view's top.
        function readToFirst() {
            if (Chat.loadOlderMessages(Chat.maxMessagesRead)) positionViewAtBeginning()
        }
        // Puts the newest message's foot at the view's foot. Not positionViewAtEnd() alone: when the newest row is not
        // made, that drops every row and places the newest one where the list's estimate says, and with a long message
        // above (a 211 K-character paste, whose height is estimated until its pieces are made) the estimate was off by
        // hundreds of px; the list then took its content for shorter than the view and showed the newest row halfway
        // down, the long message above it not made — a blank gap (session 20 trial F7). As the long row was made and
        // grew, it pushed the newest row out, the content height changed, and the same happened again, 742 px further
        // down each time, for as long as the window was open. So the view steps down from the last row that is made
        // (the list makes the next one as it comes into view) and only without one asks the list to go to the end.
        function followNewest() {
            // Not in a window whose newest rows are not read (Chat.messages.newerMessages): its last row is not the
            // newest message, and going to it read the next page below, which moved the last row down, and so on — the
            // view ran down the branch by itself after ‹ › at a short version's foot (session 31's check, HIGH).
            if (!following || moving || Chat.messages.newerMessages) return
            for (let step = 0; step < count && !itemAtIndex(count - 1); ++step) {
                let last = count - 2
                while (last >= 0 && !itemAtIndex(last)) --last
                if (last < 0) break
                const row = itemAtIndex(last)
                const next = row.y + row.height + spacing + 1 - height  // the next row's top just inside the view
                if (next <= contentY) break
                contentY = next
            }
            if (!itemAtIndex(count - 1)) positionViewAtEnd()
            const newest = itemAtIndex(count - 1)
            if (!newest) return
            // The newest row's foot at the view's foot, unless the whole conversation is shorter than the view.
            const first = itemAtIndex(0)
            const end = Math.max(newest.y + newest.height + bottomMargin - height, first ? first.y - topMargin : -Infinity)
            if (Math.abs(contentY - end) > 0.5) contentY = end
        }

        delegate: MessageBubble {
            listView: list
            followed: index < list.count - 1 || Chat.messages.newerMessages
            width: Math.min(list.width - Theme.spacing * 4, Theme.contentMaxWidth)
            x: (list.width - width) / 2
            Component.onCompleted: {
                ++list.rowsMadeSinceReset
                Qt.callLater(root.sortTabOrder)
                Qt.callLater(root.focusAgain)  // the row that replaces the one whose ‹ › had the focus
            }
        }
    }

    // Tab follows the order of the delegates among the list's children, which is the order ListView made them in:
    // opened at its end, it made them bottom-up, so Shift+Tab from the message box reached the message at the top of
    // the view and then walked down. Kept in message order instead.
    function sortTabOrder() { TabOrder.sortChildren(list.contentItem, "index") }

    // The delegate (row) that holds `item`, or null.
    function rowOf(item) {
        let row = item
        while (row && row.parent !== list.contentItem) row = row.parent
        return row
    }

    // Tab (forward) or Shift+Tab on `control`, a button inside a message (MessageTabKeys.qml): the next control in
    // this message by Qt's chain, else the first (last) one of the next (previous) message in the conversation, made
    // first when it is out of the list's reach — ListView makes only the messages around the view, so Qt's chain alone
    // went from the view's top message to the header. False: past either end, Qt's chain goes on (header, message box).
    function tabFrom(control, forward) {
        const row = rowOf(control)
        if (!row) return false
        const next = control.nextItemInFocusChain(forward)
        if (next && rowOf(next) === row) return false
        return focusRow(row.index + (forward ? 1 : -1), forward)
    }

    // Gives the first (forward) or last focusable control of message `i` the focus, skipping messages without one;
    // false past either end of the conversation (then Qt's chain goes on to the header or the message box).
    function focusRow(i, forward) {
        for (; i >= 0 && i < list.count; i += forward ? 1 : -1) {
            if (!list.itemAtIndex(i)) {
                // Just into view at the nearest edge (Contain), the view moving by about that message: walking up with
                // Shift+Tab put it at the view's foot instead (End), a page's jump at each message out of reach, and
                // walking down with Tab at its top (Beginning) (session 15, test_message_walk_e2e).
                list.positionViewAtIndex(i, ListView.Contain)
                list.following = list.newestInView()
            }
            const row = list.itemAtIndex(i)
            if (!row) return false
            let target = null  // the row's first focusable control (forward), or its last
            for (let c = row.nextItemInFocusChain(true); c && rowOf(c) === row; c = c.nextItemInFocusChain(true)) {
                if (c === target) break  // only one, and the chain came round to it
                target = c
                if (forward) break
            }
            if (target) {
                target.forceActiveFocus(forward ? Qt.TabFocusReason : Qt.BacktabFocusReason)
                return true
            }
        }
        return false
    }

    // A button of a message reached with Tab or Shift+Tab (visualFocus: not a click) is scrolled into view: the next
    // one in the chain may be in a message only partly in view.
    function showFocusedItem() {
        const item = Window.activeFocusItem
        if (!item || item.visualFocus !== true) return
        const row = rowOf(item)
        if (!row || row === item) return
        const top = item.mapToItem(list.contentItem, 0, 0).y - Theme.spacing
        const bottom = top + item.height + Theme.spacing * 2
        let y = list.contentY
        if (top < y) y = top
        else if (bottom > y + list.height) y = bottom - list.height
        if (y === list.contentY) return
        list.contentY = Math.max(list.originY - list.topMargin,
                                 Math.min(y, list.originY + list.contentHeight + list.bottomMargin - list.height))
        list.following = list.newestInView()
    }
    // Regenerate or Edit (pressed with the keyboard, or clicked: buttons take the focus) starts a turn that replaces
    // the message the button was in: the focus fell to the list itself, where nothing showed it and Tab went on from
    // the list's first message. The view hands it to the message box instead (Main.qml), as after a Send.
    signal keyboardFocusLeft()
    function handBackKeyboardFocus() {
        if (Window.activeFocusItem !== list) return
        if (focusAgain()) return
        if (refocus) refocusWait.restart()  // the row that replaces it may not be made yet
        else keyboardFocusLeft()
    }

    // ‹ or › (or "3 replies") pressed with the keyboard shows another version: its row is made anew (another message
    // id), and the button went with the old row — the focus fell to the list and then to the message box, so a second
    // Space typed a space there instead of stepping again (session 51's trial2). The focus goes to the same button of
    // the row that replaces it (at the same place in the list), or to the other arrow where that one is off (the last
    // version reached); after "3 replies", to › of the version being written, once its row is shown. Only for a button
    // reached with the keyboard (visualFocus): a click leaves the message box the focus, as before.
    property var lastControl: null  // {index, kind} of the message button that last had the keyboard's focus
    property var refocus: null      // {index, kinds, waitForReply}: where the focus goes back to, until it has gone
    readonly property var refocusKinds: ({
        "previousVersionButton": ["previousVersionButton", "nextVersionButton"],
        "nextVersionButton": ["nextVersionButton", "previousVersionButton"],
        "threeRepliesButton": ["nextVersionButton", "previousVersionButton"]
    })
    function noteFocusedControl(item) {
        const row = rowOf(item)
        if (row && row !== item) {
            const kind = String(item.objectName).split("-")[0]
            // Whether it was reached with the keyboard is known once it has the focus (as for showFocusedItem).
            const noted = refocusKinds[kind] ? {index: row.index, kind: kind} : null
            lastControl = noted
            refocus = null
            if (noted) Qt.callLater(() => { if (lastControl === noted && item.visualFocus !== true) lastControl = null })
        } else if (item === list && lastControl) {  // the button went with its row
            refocus = {index: lastControl.index, kinds: refocusKinds[lastControl.kind],
                       waitForReply: lastControl.kind === "threeRepliesButton"}
            lastControl = null
        } else if (item !== list) {
            lastControl = null
            refocus = null
        }
    }
    // Gives the awaited button (refocus) the focus when its row is made; true once it has it.
    function focusAgain() {
        if (!refocus || Window.activeFocusItem !== list) return false
        const row = list.itemAtIndex(refocus.index)
        if (!row) return false
        const found = {}  // the row's controls by kind (objectName up to its "-")
        const first = row.nextItemInFocusChain(true)
        for (let c = first; c && rowOf(c) === row; c = c.nextItemInFocusChain(true)) {
            const kind = String(c.objectName).split("-")[0]
            if (c.enabled && c.visible && !found[kind]) found[kind] = c
            if (c.nextItemInFocusChain(true) === first) break  // the chain came round
        }
        for (const kind of refocus.kinds) {
            if (!found[kind]) continue
            refocus = null
            refocusWait.stop()
            found[kind].forceActiveFocus(Qt.TabFocusReason)
            return true
        }
        return false
    }
    Timer {  // the awaited row did not come (the versions could not be written): the message box, as before
        id: refocusWait
        interval: 300
        repeat: true
        onTriggered: {
            if (root.focusAgain() || root.focusedItem !== list) {  // (Window is attached to Items, not to a Timer)
                stop()
                return
            }
            if (root.refocus && root.refocus.waitForReply && Chat.composerState === Chat.Generating) return
            stop()
            root.refocus = null
            root.keyboardFocusLeft()
        }
    }

    Window.onActiveFocusItemChanged: {
        noteFocusedControl(Window.activeFocusItem)
        Qt.callLater(showFocusedItem)  // once the control knows why it got the focus
        Qt.callLater(handBackKeyboardFocus)
    }

    // A press on a message's text (it takes the focus) and words selected there — in the reply being written, say, to
    // copy them — stop the view following: before, it went on scrolling with the reply, the text moved up under the
    // pointer and the selection ran on into the next lines (test_mouse_while_streaming_e2e). As after a scroll, the
    // view follows again once the user brings the newest message's foot into view.
    readonly property Item focusedItem: Window.activeFocusItem  // (Window is attached to Items, not to Connections)
    onFocusedItemChanged: if (focusedItem && focusedItem.selectedText !== undefined && rowOf(focusedItem)) list.following = false
    Connections {
        target: root.rowOf(root.focusedItem) ? root.focusedItem : null
        ignoreUnknownSignals: true
        function onSelectedTextChanged() {
            if (target.selectedText.length > 0) list.following = false
        }
    }

    Connections {  // a window whose newest rows are not read: nothing to follow until they are
        target: Chat.messages
        function onNewerMessagesChanged() { if (Chat.messages.newerMessages) list.following = false }
    }

    Connections {
        target: Chat
        function onCurrentConversationChanged() { list.following = true }
        // A new turn (Send, Regenerate, Edit) is followed wherever the list was scrolled to: the user wants to see
        // the message and its reply. Before, a list scrolled up (by wheel, or by Tab to an older message) stayed
        // there — at the top, as the list was refilled with the new branch — and the new reply was out of sight.
        // Followed once its rows are in (turnShown), in the same pass, so no frame shows anything else: the end of the
        // rows before them is the old branch's after an Edit or a Regenerate, and the view went there first, then
        // back up to the new question (thousands of messages apart in a long chat; session 31's check, P1).
        function onComposerStateChanged() {
            if (Chat.composerState === Chat.Generating) list.following = true
        }
        function onTurnShown() {
            if (!list.following) return
            list.forceLayout()
            list.followNewest()
        }
        function onMessageShown(messageId, words) {  // a search hit: show that message, not the newest one
            list.following = false
            Qt.callLater(() => {  // its row then: a page read above it meanwhile (showOlderIfNear) moves it down
                const row = Chat.messages.indexOfId(messageId)  // the same rows as `rows`
                if (row < 0) return
                list.positionViewAtIndex(row, ListView.Center)
                if (words.trim().length > 0) wordsOfHit.begin(messageId, words)
            })
        }
    }

    // A search hit in a message of several pieces (a 200 KB paste): centred, the view showed the middle of the message,
    // far from the words found (session 55's trial). The first place that holds the words is put in view, selected
    // (MessageBubble.showWords), once the message's pieces are placed: tried every 30 ms, 30 times at most, until the
    // user moves the view. Started again for each try, not repeating: the test hook waits for a running timer that
    // does not repeat before it saves the window, and saved it between two tries where a hit in a closed reasoning
    // takes two (the reasoning opened, then the words selected; session 57).
    Timer {
        id: wordsOfHit
        property var messageId
        property string words
        property int tries: 0
        interval: 30
        function begin(id, searched) {
            messageId = id
            words = searched
            tries = 0
            restart()
        }
        onTriggered: {
            const row = list.moving ? -1 : Chat.messages.indexOfId(messageId)
            const item = row >= 0 ? list.itemAtIndex(row) : null
            if ((item ? item.showWords(words) : "wait") === "wait" && row >= 0 && ++tries < 30) restart()
        }
    }

    // An empty chat's welcome, in the middle of the view; taller than the view (150 % text in the narrowest window,
    // 480 px high) it starts at the view's top and scrolls: centred, it ran up over the header (session 48).
    Flickable {
        id: emptyChat
        anchors.fill: parent
        visible: list.count === 0
        clip: true
        contentHeight: Math.max(height, emptyColumn.implicitHeight + 24)
        interactive: contentHeight > height
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: emptyColumn
            x: (emptyChat.width - width) / 2
            y: Math.max(12, (emptyChat.height - implicitHeight) / 2)
            width: Math.min(emptyChat.width - 48, Theme.px(480))
            spacing: 10

            Rectangle {
                Layout.alignment: Qt.AlignHCenter
                width: Theme.px(56)
                height: width
                radius: width / 2
                color: Theme.sidebarSelected
                Label {
                    anchors.centerIn: parent
                    text: "R"
                    font.pixelSize: Theme.px(26)
                    font.weight: Font.Bold
                    color: Theme.accent
                }
            }
            Label {
                objectName: "emptyChatHeading"  // the hooks' "empty chat:" line
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                text: root.storedChatEmpty ? qsTr("No messages in this chat") : qsTr("How can I help?")
                font.pixelSize: Theme.headingFontSize
                font.weight: Font.DemiBold
                color: Theme.text
            }
            Label {
                objectName: "emptyChatText"
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                text: root.storedChatEmpty
                      ? qsTr("Its title and settings are here, but none of its messages: they could not be read back from a damaged conversation database, or none was saved. Write below to start it again.")
                      : qsTr("Everything runs on this computer. Conversations are saved with the model's memory, so long chats continue instantly.")
                color: Theme.mutedText
            }
            // The first start runs the bundled demo model, whose replies are babble: say so before the user wonders.
            // A link, not a button, so the Tab chain of an empty chat stays as it was (the header's Models button is in it).
            Label {
                objectName: "demoModelHint"
                Layout.fillWidth: true
                Layout.topMargin: 6
                visible: Chat.demoModel
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                textFormat: Text.StyledText
                linkColor: Theme.accent
                text: qsTr("You are trying the bundled demo model, a tiny test model: its replies are English-looking babble. For real conversations, <a href=\"models\">download a model</a> (0.1B to 13.3B).")
                color: Theme.mutedText
                onLinkActivated: root.showModels()
                HoverHandler { cursorShape: parent.hoveredLink ? Qt.PointingHandCursor : Qt.ArrowCursor }
            }
        }
    }
}
