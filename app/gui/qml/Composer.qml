// Composer.qml — the message input with Send (Enter or Ctrl+Enter; Shift+Enter for a new line) and Stop.
// What it offers follows Chat.composerState alone. Beside Send, the conversation's sampling preset (PresetChooser).
// A paste (Ctrl+V or a middle click) longer than longPaste characters, or with over 1,000 emoji (PastedText.holds),
// is held above the box as "Pasted text"
// (PastedText.qml: its size and first line) and sent before what is typed in the box: the box lays out all of its
// text, 4.8 s of CPU for a 2 MB log on a 2-core machine (docs/gui.md "Long messages").
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RwkvDesktop.Core

Rectangle {
    id: root
    // A reply being written in another chat (Chat.replyElsewhere, its title): this chat offers Send, not a Stop that
    // stops the other one; Send says where the reply is being written and keeps the text (session 36's trial, F4).
    readonly property string replyElsewhere: Chat.replyElsewhere
    readonly property bool generating: Chat.composerState === Chat.Generating && replyElsewhere.length === 0
    readonly property bool ready: Chat.composerState === Chat.Ready
    // While the model loads, Send queues the message (Chat.send returns false: the text stays in the box until the
    // model has loaded and answers it, then queuedMessageSent clears the box).
    readonly property bool loading: Chat.composerState === Chat.LoadingModel
    // A read-only library: Send is off and says why (its tooltip; Main.qml's readOnlyNote while the banner says
    // something else); Enter asks Chat.send, whose refusal names the file. Before, Send looked on ("Send (Enter)")
    // and Enter did nothing once the placeholder had gone (session 36's trial, F6).
    readonly property bool readOnly: Chat.composerState === Chat.ReadOnly

    function focusInput() { input.forceActiveFocus() }
    /// Stops the reply (Stop, or Esc); Stop pressed from the keyboard hands the focus to the message box at once,
    /// not once the reply has ended: a key typed in between went to the window (the fresh-clone CI of session 49, a
    /// loaded 2-core box: "after Space: focus Main", the X of "XY" lost).
    function stopReply() {
        const hadFocus = action.activeFocus
        Chat.stop()
        if (hadFocus) focusInput()
    }
    function openPresetChooser() { presetChooser.popup.open() }  // --open presets

    /// A paste longer than this (characters) is held beside the box instead of in it (about 2,000 lines of a log).
    readonly property int longPaste: pastedRow.limit
    /// The long text pasted (empty: none), sent before the box's text; the e2e hook reads it.
    property alias pasted: pastedRow.text
    // Zero-width characters alone are nothing to send either (Chat.nothingToRead: a pasted U+200B was sent as an empty
    // bubble in a chat with no title, session 50's trial).
    readonly property bool hasText: pasted.length > 0 || !Chat.nothingToRead(input.text)
    /// What Send sends: the pasted text, a blank line, then what is typed.
    function message() { return pastedRow.joined(input.text) }
    function clearAll() {
        input.clear()
        pasted = ""
    }
    /// Paste (Ctrl+V, Shift+Insert; `selection`: a middle click, X11's selection): a long clipboard text is held
    /// beside the box (after one held before it); a short one is left to the box. Returns whether it was held.
    function holdLongPaste(selection) {
        if (!pastedRow.take(selection)) return false
        showNote(pastedRow.leftOut)  // as for a shorter paste
        return true
    }
    /// Shows what a paste left out (TypedText's note; nothing when ""): above the box, so above the pasted text when
    /// one is held — shown above the text area, it covered the "Pasted text: …" label (session 47's trial).
    function showNote(note) {
        if (note.length > 0) leftOutNote.show(note, 8000)
    }
    // The note's own tooltip, its left edge at the box's and no wider than the box (its words wrap): Qt's shared one
    // is as wide as its text, centred on the text area, and at the window's first size "Left out U+202E, U+202C: …"
    // stood past the box's left edge, over the sidebar's border (session 58's trial).
    ToolTip {
        id: leftOutNote
        objectName: "leftOutNote"
        x: 0
        y: -height - 4
        width: Math.min(implicitWidth, root.width)
        Component.onCompleted: background.border.color = Qt.binding(() => Theme.border)  // as Main.qml's shared one
    }
    // The characters held beside the box in the message sent last, and that message's length: a message that comes
    // back (messageNotSent) is parted there again, as a draft is (PastedText.parted).
    property int sentHeld: 0
    property int sentLength: -1
    function submit() {
        const chat = draftChat  // a new chat's send makes its conversation: the draft of chat 0 goes too
        const text = message()
        sentHeld = pasted.length
        sentLength = text.length
        if (Chat.send(text)) {
            clearAll()
            AppSettings.setDraft(chat, "")
            draftNotKept = false
        }
    }

    // What the box holds is kept per chat (AppSettings.draft, in the settings file) half a second after the last
    // change, when another chat is opened and at quit; an opened chat gets its own back. A message a full disk kept
    // from being saved came back into the box and was lost at quit (session 33's trial, LOW).
    property real draftChat: -1  // the chat whose draft the box holds (0: the new chat)
    // The last save did not reach the settings file (setDraft false: its disk full): Main.qml's note says so while the
    // text is still on screen, and closing the window asks first. Before, the text was gone at the next start without
    // a word (session 34's trial, MED). A later save that is kept, or an empty box, ends it; another chat opened and
    // this one again does not (AppSettings.draftKept: the note went while the text was still unsaved, session 34's check).
    property bool draftNotKept: false
    /// Why (AppSettings.draftProblem: kind "diskFull", "noPermission" or "other", the file, the system's reason):
    /// Main.qml words the note and the question at quit by it. Any failure read "the disk is full" before (a drafts
    /// file of mode 000, a read-only folder: session 35's check).
    property var draftProblem: ({})
    readonly property bool draftAtRisk: draftNotKept && hasText
    /// Saves the box's text as its chat's draft now; returns whether it was kept.
    function saveDraft() {
        draftTimer.stop()
        if (draftChat >= 0) {
            draftNotKept = !AppSettings.setDraft(draftChat, message(), pasted.length)
            draftProblem = AppSettings.draftProblem()
        }
        return !draftNotKept
    }
    function loadDraft() {
        draftChat = Chat.currentConversationId
        const text = AppSettings.draft(draftChat)
        clearAll()
        // A long one beside the box, as pasted (without the bidi controls an older version kept in it, as the box
        // leaves them out), and what was typed after it back in the box: the draft is message(), the two joined, and
        // split() parts it as the Edit dialog parts a long question. Before (session 57's trial), what was typed came
        // back inside "Pasted text" after a restart or another chat opened: out of sight, and ✕ dropped it too.
        // Parted where it was saved (AppSettings.draftHeld): split() alone gave the box the last paragraph typed only.
        const parts = pastedRow.parted(text, AppSettings.draftHeld(draftChat))
        pasted = TypedText.withoutBidiControls(parts[0]).text
        input.text = parts[1]
        input.cursorPosition = input.length
        draftTimer.stop()
        draftNotKept = !AppSettings.draftKept(draftChat)
        draftProblem = AppSettings.draftProblem()
    }
    Timer { id: draftTimer; interval: 500; onTriggered: root.saveDraft() }
    onPastedChanged: draftTimer.restart()
    Component.onCompleted: loadDraft()
    Connections {
        target: Qt.application
        function onAboutToQuit() { root.saveDraft() }
    }

    Connections {
        target: Chat
        function onCurrentConversationChanged() {
            if (Chat.currentConversationId === root.draftChat) return  // its title or state, not another chat
            root.saveDraft()
            root.loadDraft()
        }
        function onQueuedMessageSent(text) {
            if (root.message() === text)
                root.clearAll()
        }
        function onMessageNotSent(text) {  // not saved (a full disk): back in the box, before anything typed since
            // A long one beside the box again and what was typed after it in the box, parted as loadDraft parts a
            // draft (before session 57's trial the typed words went into "Pasted text" too, out of sight).
            const parts = pastedRow.parted(text, text.length === root.sentLength ? root.sentHeld : 0)
            if (parts[0].length > 0) root.pasted = parts[0]
            if (parts[1].length === 0) return
            input.text = input.text.length > 0 ? parts[1] + "\n" + input.text : parts[1]
            input.cursorPosition = input.length
        }
    }

    implicitHeight: Math.min(Math.max(input.implicitHeight, 44), 200) + 16 + (pastedRow.visible ? pastedRow.height + 8 : 0)
    radius: Theme.radius + 6
    color: Theme.window
    border.color: input.activeFocus ? Theme.accent : Theme.border
    border.width: input.activeFocus ? 2 : 1

    // The long text pasted: its size and first line, and ✕ to drop it.
    PastedText {
        id: pastedRow
        objectName: "pastedText"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: 8
        onDropped: input.forceActiveFocus()
    }

    RowLayout {
        anchors.fill: parent
        anchors.margins: 8
        anchors.leftMargin: 12
        anchors.topMargin: pastedRow.visible ? pastedRow.height + 16 : 8
        spacing: 8

        ScrollView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            TextArea {
                id: input
                objectName: "messageInput"  // the test hook's "active focus:" line names it
                onTextChanged: {
                    TypedText.showObjectReplacements(input)  // else drawn blank from U+FFFC on
                    root.showNote(TypedText.leaveOutBidiControls(input))  // else "evil" typed after U+202E read "live"
                    draftTimer.restart()
                }
                focus: true
                wrapMode: TextArea.Wrap
                placeholderText: Chat.composerState === Chat.NoModel ? qsTr("Choose a model to start chatting")
                               : Chat.composerState === Chat.LoadingModel ? qsTr("Loading the model… (you can type: Enter sends once it has loaded)")
                               : Chat.composerState === Chat.ReadOnly ? qsTr("Read-only library: new messages cannot be saved")
                               : input.width < input.leftPadding + input.rightPadding
                                               + (hintMetrics.font, hintMetrics.advanceWidth(input.fullHint))
                                 ? input.shortHint  // too narrow for all of it: no "(Ent…" (measured: at 150 % the
                               : input.fullHint     // 360 px this was decided by read "(Enter to se…")
                readonly property string fullHint: qsTr("Message RWKV…  (Enter to send, Shift+Enter for a new line)")
                readonly property string shortHint: qsTr("Message RWKV…")
                /// The width that draws shortHint whole (the preset chip leaves it to the box).
                readonly property real shortHintWidth: leftPadding + rightPadding
                                                       + (hintMetrics.font, Math.ceil(hintMetrics.advanceWidth(shortHint)))
                FontMetrics { id: hintMetrics; font: input.font }
                placeholderTextColor: Theme.mutedText
                color: Theme.text
                background: null
                // A middle click pastes X11's selection: a long one is held beside the box too (else the box pastes it).
                MouseArea {
                    anchors.fill: parent
                    acceptedButtons: Qt.MiddleButton
                    onPressed: (mouse) => {
                        mouse.accepted = root.holdLongPaste(true)
                        if (mouse.accepted) input.forceActiveFocus()
                    }
                }
                Keys.onPressed: (event) => {
                    // Tab / Shift+Tab move on (the preset, Send, the rest of the window) instead of typing a tab:
                    // keyboard-only users could not leave the box.
                    if (event.key === Qt.Key_Tab || event.key === Qt.Key_Backtab) {
                        const forward = event.key === Qt.Key_Tab && !(event.modifiers & Qt.ShiftModifier)
                        const next = input.nextItemInFocusChain(forward)
                        if (next)
                            next.forceActiveFocus(forward ? Qt.TabFocusReason : Qt.BacktabFocusReason)
                        event.accepted = true
                        return
                    }
                    if (event.matches(StandardKey.Paste) && root.holdLongPaste(false)) {  // Ctrl+V, Shift+Insert
                        event.accepted = true
                        return
                    }
                    if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter)
                            && !(event.modifiers & Qt.ShiftModifier)) {
                        event.accepted = true
                        if (root.ready || root.loading || root.replyElsewhere.length > 0)
                            root.submit()
                        else if ((root.readOnly || root.generating) && root.hasText)
                            // Refused: the banner says why ("A reply is still being written. Wait for it or press
                            // Stop."; it goes when the reply ends); the text stays in the box. Enter during this
                            // chat's reply did nothing, without a word (session 39's trial, nit).
                            Chat.send(root.message())
                    }
                }
            }
        }

        PresetChooser {
            id: presetChooser
            Layout.alignment: Qt.AlignBottom
            // Narrower than its widest label where the box would not hold its short hint, its label elided then (the
            // list and the tooltip say it whole): in Japanese at 960 px and 150 % 「デフォルト（チャット）」 cut the box's
            // "RWKV へのメッセージ…" to "RWKV へのメッセー…" (session 48's trial). Not below a few characters.
            Layout.maximumWidth: Math.max(minimumWidth, parent.width - parent.spacing * 2 - action.width - input.shortHintWidth)
        }

        Button {
            id: action
            objectName: "sendButton"  // the hooks' Click:sendButton: Send, or Stop while a reply is written
            Layout.alignment: Qt.AlignBottom
            text: root.generating ? qsTr("Stop") : qsTr("Send")
            enabled: root.generating || ((root.ready || root.loading || root.replyElsewhere.length > 0) && root.hasText)
            onClicked: root.generating ? root.stopReply() : root.submit()
            // Stop pressed with the keyboard (Tab to it, Space; or Esc while it has the focus), or the reply ending
            // while it has the focus: the button turns into Send, disabled while the box is empty, and Qt dropped the
            // focus to the window — nothing showed it and what was typed next was lost (session 23's trial, T3). The
            // message box takes it back, as after Regenerate or Edit (MessageView.keyboardFocusLeft): at once for Stop
            // (stopReply), here for a reply that ends by itself.
            onActiveFocusChanged: if (!activeFocus && !enabled) Qt.callLater(root.focusInput)
            ToolTip.visible: hovered
            ToolTip.text: root.generating ? qsTr("Stop the reply (the text so far is kept)")
                        : root.loading ? qsTr("Send once the model has loaded (Enter)")
                        : root.readOnly ? qsTr("Read-only library: new messages cannot be saved")
                        : Chat.composerState === Chat.NoModel ? qsTr("Choose a model to start chatting")
                        : root.replyElsewhere.length > 0 ? qsTr("A reply is being written in “%1”: send once it has ended").arg(root.replyElsewhere)
                        : qsTr("Send (Enter)")
            contentItem: Label {
                text: action.text
                color: Theme.accentText
                // Dimmed with its background when Send cannot be pressed: in the dark theme the white word on the dimmed
                // pill read as a button that works (session 45's trial).
                opacity: action.enabled ? 1.0 : 0.5
                font.weight: Font.DemiBold
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
            }
            background: Rectangle {
                implicitWidth: Theme.px(76)
                implicitHeight: Theme.px(36)
                radius: height / 2
                opacity: action.enabled ? 1.0 : 0.4
                color: root.generating ? Theme.stopButton : action.hovered ? Theme.accentHover : Theme.accent
            }
        }
    }
}
