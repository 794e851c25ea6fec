// ErrorBanner.qml — shows Chat.errorText (refused messages, failed loads or replies) until dismissed: its sentence
// (Chat.errorSummary) and, smaller below it, the engine's own English words as "Details: …" (Chat.errorDetail); when
// there is none and the conversation database is read-only (Chat.libraryReadOnly), says that changes will not be
// saved (and why, when it is a full disk: Chat.libraryReadOnlyReason); else, when the chat shown has damaged messages,
// Chat.damageNote with the rows as its details. A notice (Chat.errorIsNotice) is drawn in the notice style.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RwkvDesktop.Core

Rectangle {
    id: banner
    /// Only Chat.errorText, not the notes about the library or the chat shown: the copy in a dialog (TrashButton.qml),
    /// for an error raised while it covers the window's banner.
    property bool errorsOnly: false
    property bool readOnlyDismissed: false
    // A writable file opened read-only because the disk is full says so, and what to do: "make it writable" sent the
    // user after the wrong thing (session 52's trial; the Send refusal already named the disk). The file's name goes in
    // last, so a "%1" in it stays as it is.
    readonly property string readOnlyText: !Chat.libraryReadOnly || readOnlyDismissed || errorsOnly ? ""
        : Chat.libraryReadOnlyReason().length > 0
        ? qsTr("Your conversations are open read-only: %2 cannot be written now (%1), so new messages and changes will not be saved. Free some space on its disk and restart RWKV Desktop to save again.").arg(Chat.libraryReadOnlyReason()).arg(Library.isolated(Chat.libraryFile))
        : qsTr("Your conversations are open read-only: %1 (or its folder) cannot be written, so new messages and changes will not be saved. Make it writable and restart RWKV Desktop to save again.").arg(Library.isolated(Chat.libraryFile))
    // A damaged chat (Chat.damageNote), until ✕ for that chat (session 22's trial, F3: shown without a word before).
    property var damageDismissedFor: -1
    readonly property string damageText: Chat.damageNote.length > 0 && damageDismissedFor !== Chat.currentConversationId
                                         && !errorsOnly ? Chat.damageNote : ""
    readonly property string shown: Chat.errorText.length > 0 ? Chat.errorSummary : readOnlyText.length > 0 ? readOnlyText : damageText
    readonly property string detail: Chat.errorText.length > 0 ? Chat.errorDetail
                                   : readOnlyText.length === 0 && damageText.length > 0 ? Chat.damageDetail : ""
    /// Nothing failed (Chat.errorIsNotice: the saved states cleared at the start): the notice style of the import and
    /// download banners, not the danger red (session 34's check).
    readonly property bool notice: Chat.errorText.length > 0 && Chat.errorIsNotice
    /// The banner of a reply not saved (Chat.unsavedBanner): its "Copy it now" / "Copy them now" has a button here,
    /// which takes every version it names (Chat.unsavedReplyText). Before, only each version's own Copy took one, the
    /// one on screen (session 53's lows1).
    readonly property bool ofUnsavedReply: Chat.errorText.length > 0 && Chat.errorText === Chat.unsavedBanner
    property bool copied: false
    onOfUnsavedReplyChanged: copied = false
    visible: shown.length > 0
    implicitHeight: visible ? texts.implicitHeight + 20 : 0
    radius: Theme.radius
    color: notice ? Theme.sidebarSelected : Theme.dangerBackground
    border.color: notice ? Theme.accent : Theme.danger

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 14
        anchors.rightMargin: 6
        spacing: 8
        ColumnLayout {
            id: texts
            Layout.fillWidth: true
            spacing: 2
            Label {
                objectName: "errorMessage"
                Layout.fillWidth: true
                textFormat: Text.PlainText
                text: banner.shown
                wrapMode: Text.Wrap  // at spaces, else anywhere: a long path or file name stays left of ✕
                color: banner.notice ? Theme.text : Theme.danger
            }
            Label {
                objectName: "errorDetail"
                Layout.fillWidth: true
                visible: banner.detail.length > 0
                text: qsTr("Details: %1").arg(banner.detail)
                textFormat: Text.PlainText
                wrapMode: Text.Wrap
                color: Theme.mutedText
                font.pixelSize: Theme.smallFontSize
            }
        }
        Button {
            objectName: "unsavedBannerCopy"  // the hooks' Click:unsavedBannerCopy
            visible: banner.ofUnsavedReply
            text: banner.copied ? qsTr("Copied") : qsTr("Copy")
            onClicked: {
                Clipboard.setText(Chat.unsavedReplyText())
                banner.copied = true
            }
            ToolTip.visible: hovered
            ToolTip.text: Chat.unsavedReplyCount() > 1 ? qsTr("Copy every reply not saved to the clipboard")
                                                       : qsTr("Copy the reply not saved to the clipboard")
        }
        ToolButton {
            objectName: "errorDismiss"  // the hooks' Click:errorDismiss
            text: "✕"
            onClicked: Chat.errorText.length > 0 ? Chat.dismissError()
                     : banner.readOnlyText.length > 0 ? banner.readOnlyDismissed = true
                     : banner.damageDismissedFor = Chat.currentConversationId
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Dismiss")
        }
    }
}
