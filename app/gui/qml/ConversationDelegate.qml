// ConversationDelegate.qml — one sidebar row: title (📌 when pinned), the time of its last use (the list's order) and
// a "⋯" menu (rename, instructions, export, pin, delete). Reads the ConversationListModel roles conversationId, title, updatedText,
// openedLast and pinned.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RwkvDesktop.Core

ItemDelegate {
    id: root
    required property var conversationId
    required property string title
    required property string updatedText
    /// The list is sorted by last use, and opening a chat is a use: its time is then the opening's, said as such
    /// ("Opened 00:14"), so that a chat moved up without a new message does not read as written to (session 36's trial).
    required property bool openedLast
    required property bool pinned
    required property int index  // the row; Tab follows it (KeyboardListView.sortTabOrder)
    /// Its reply is being written now: the time gives way to "Writing…" (session 36's trial, F4: nothing showed which
    /// chat was writing).
    readonly property bool writing: Chat.composerState === Chat.Generating && Chat.writingConversationId === Number(conversationId)
    property bool selected: false
    /// The list's side for every row's texts: the left, the right in a window laid out right to left as a whole. An
    /// Arabic or Hebrew title was aligned by its own direction, at the right beside the "⋯", while the rest of the
    /// list was at the left (session 33's check); its letters keep their order.
    readonly property int textAlignment: Qt.application.layoutDirection === Qt.RightToLeft ? Text.AlignRight
                                                                                           : Text.AlignLeft
    signal renameRequested()
    signal instructionsRequested()
    signal startStateRequested()
    signal exportRequested()
    signal deleteRequested()
    signal pinRequested()

    objectName: "conversationRow-" + conversationId  // the test hook clicks it (--keys RightClick:conversationRow-ID)
    implicitHeight: Theme.px(52)
    hoverEnabled: true
    padding: 10
    // Reached with Tab (ItemDelegate takes no focus by default: without a mouse no other conversation could be
    // opened, new-user trial, session 19); Space, Return or Enter opens it; Up / Down move to the row above / below
    // (Up from the first row: the search field, the sidebar's onKeyboardUpFromTop).
    focusPolicy: Qt.StrongFocus
    Component.onCompleted: if (ListView.view) Qt.callLater(ListView.view.sortTabOrder)
    onIndexChanged: if (ListView.view) Qt.callLater(ListView.view.sortTabOrder)
    Keys.onReturnPressed: root.clicked()
    Keys.onEnterPressed: root.clicked()
    Keys.onUpPressed: (event) => { event.accepted = root.ListView.view && root.ListView.view.moveRowFocus(root, -1) }
    Keys.onDownPressed: (event) => { event.accepted = root.ListView.view && root.ListView.view.moveRowFocus(root, 1) }

    // A right-click on the row opens the "⋯" menu at the pointer, as desktop chat apps and file managers do; before,
    // it did nothing and the menu was only behind the small "⋯" (new-user trial, session 15).
    TapHandler {
        acceptedButtons: Qt.RightButton
        onTapped: menuButton.openMenuAt(root, point.position.x, point.position.y)
    }

    background: Rectangle {
        radius: Theme.radius - 2
        color: root.selected ? Theme.sidebarSelected : root.hovered ? Theme.sidebarHover : "transparent"
        border.width: root.visualFocus ? 1 : 0  // where Space / Return will act (as FocusFrame)
        border.color: Theme.accent
    }

    contentItem: RowLayout {
        spacing: 6
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 2
            Label {
                Layout.fillWidth: true
                text: root.pinned ? "📌 " + root.title : root.title
                textFormat: Text.PlainText  // one line (the model's shownTitle), and "<b>" in a title stays text
                horizontalAlignment: root.textAlignment
                elide: Text.ElideRight
                color: Theme.text
                font.weight: root.selected ? Font.DemiBold : Font.Normal
            }
            Label {
                objectName: root.writing ? "conversationWriting" : ""  // the test hook's "writing in the sidebar:" line
                Layout.fillWidth: true
                text: root.writing ? qsTr("Writing a reply…")
                      : root.openedLast ? qsTr("Opened %1").arg(root.updatedText) : root.updatedText
                horizontalAlignment: root.textAlignment
                color: root.writing ? Theme.accent : Theme.mutedText
                font.pixelSize: Theme.smallFontSize
            }
        }
        ToolButton {
            id: menuButton
            objectName: "conversationMenuButton"
            text: "⋯"
            visible: root.hovered || root.selected || menu.visible || activeFocus || root.activeFocus
            implicitWidth: Theme.px(28)
            implicitHeight: Theme.px(28)
            background: FocusFrame { control: menuButton }
            onClicked: openMenu(false)
            // Opened with the keyboard (Space, Return or Enter), the menu starts on its first item, as native menus do:
            // before, no item was highlighted until Down was pressed. A click opens it with none, as before.
            Keys.onPressed: (event) => {
                if (event.key !== Qt.Key_Space && event.key !== Qt.Key_Return && event.key !== Qt.Key_Enter) return
                event.accepted = true
                if (!event.isAutoRepeat) openMenu(true)
            }
            function openMenu(byKeyboard) {
                menu.popup(menuButton, 0, menuButton.height)
                if (byKeyboard) menu.currentIndex = 0
            }
            function openMenuAt(item, x, y) { menu.popup(item, x, y) }
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Rename, instructions, export, starting state, pin or delete")
            Menu {
                id: menu
                // A popup made in a list's delegate keeps the palette it had when first opened (Qt 6.4): after a theme
                // switch the menu was drawn in the old theme (session 32's check). Its button's palette follows.
                palette: menuButton.palette
                Component.onCompleted: Theme.followPalette(menu)  // the content follows a theme switch (Theme.qml)
                // objectNames: the test hook's "active focus:" line.
                MenuItem { objectName: "renameMenuItem"; text: qsTr("Rename…"); onTriggered: root.renameRequested() }
                MenuItem {
                    objectName: "instructionsMenuItem"
                    text: qsTr("Instructions…")
                    onTriggered: root.instructionsRequested()
                }
                MenuItem { objectName: "exportMenuItem"; text: qsTr("Export…"); onTriggered: root.exportRequested() }
                // After Export…: the keyboard paths of the menu before it (Down, Down: Export…) stay as they were.
                MenuItem {
                    objectName: "startStateMenuItem"
                    text: qsTr("Starting state…")
                    onTriggered: root.startStateRequested()
                }
                MenuItem {
                    objectName: "pinMenuItem"
                    text: root.pinned ? qsTr("Unpin") : qsTr("Pin to top")
                    onTriggered: root.pinRequested()
                }
                MenuItem { objectName: "deleteMenuItem"; text: qsTr("Delete"); onTriggered: root.deleteRequested() }
            }
        }
    }
}
