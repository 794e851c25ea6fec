// ConversationDelegate.qml — one sidebar row, of one of two kinds (ConversationListModel's isFolder):
//  * a chat: title (📌 when pinned), the time of its last use (the list's order) and a "⋯" menu (rename, instructions,
//    export, starting state, pin, move to a folder, delete); indented under its folder's row (inFolder);
//  * a folder: ▾ / ▸, its name and its chat count; a click, Space or Return opens or closes it (Left / Right too), and
//    its "⋯" menu renames or deletes it.
// Reads the roles conversationId, title, updatedText, openedLast, pinned, isFolder, folderId, folderName, chatCount,
// collapsed, inFolder and holdsOpenChat.
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
    required property bool isFolder
    /// A folder row's folder; a chat's folder (0: none).
    required property var folderId
    required property string folderName
    required property int chatCount
    required property bool collapsed
    required property bool inFolder
    /// A closed folder's row that holds the chat open in the window (the sidebar draws it as the selected row).
    required property bool holdsOpenChat
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
    /// A chat's "Move to folder" menu: into folder `id` (0: out of its folder).
    signal moveToFolderRequested(var id)
    /// "New folder…" in a chat's menu (the chat goes into it) or ...
    signal newFolderRequested()
    /// ... a folder row's Rename… and Delete folder….
    signal renameFolderRequested()
    signal deleteFolderRequested()

    // The test hook clicks it (--keys RightClick:conversationRow-ID, Click:folderRow-ID)
    objectName: isFolder ? "folderRow-" + folderId : "conversationRow-" + conversationId
    implicitHeight: isFolder ? Theme.px(36) : Theme.px(52)
    hoverEnabled: true
    padding: 10
    topPadding: isFolder ? 4 : 10
    bottomPadding: isFolder ? 4 : 10
    // A chat in a folder sits under its folder's name, one step in (the side the list reads from)
    leftPadding: inFolder && Qt.application.layoutDirection !== Qt.RightToLeft ? 10 + Theme.px(18) : 10
    rightPadding: inFolder && Qt.application.layoutDirection === Qt.RightToLeft ? 10 + Theme.px(18) : 10
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
    // A folder row: Left closes it, Right opens it (as a tree view's keys; mirrored in a right-to-left window)
    Keys.onLeftPressed: (event) => {
        event.accepted = root.isFolder
        if (root.isFolder) Chat.conversations.setFolderCollapsed(root.folderId, Qt.application.layoutDirection !== Qt.RightToLeft)
    }
    Keys.onRightPressed: (event) => {
        event.accepted = root.isFolder
        if (root.isFolder) Chat.conversations.setFolderCollapsed(root.folderId, Qt.application.layoutDirection === Qt.RightToLeft)
    }

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
        Label {  // ▾ open, ▸ closed (◂ in a right-to-left window)
            visible: root.isFolder
            text: !root.collapsed ? "▾" : Qt.application.layoutDirection === Qt.RightToLeft ? "◂" : "▸"
            color: Theme.mutedText
            Layout.preferredWidth: Theme.px(14)
        }
        Label {
            objectName: root.isFolder ? "folderName" : ""
            visible: root.isFolder
            Layout.fillWidth: true
            text: "📁 " + root.folderName
            textFormat: Text.PlainText  // the model's shownTitle: one line, and "<b>" stays text
            horizontalAlignment: root.textAlignment
            elide: Text.ElideRight
            color: Theme.text
            font.weight: Font.DemiBold
        }
        Label {  // how many chats it holds, also while closed
            visible: root.isFolder
            text: root.chatCount
            color: Theme.mutedText
            font.pixelSize: Theme.smallFontSize
        }
        ColumnLayout {
            id: titleColumn
            visible: !root.isFolder
            Layout.fillWidth: true
            spacing: 2
            // The title's box, which cuts what is drawn past its sides: a title of one glyph wider than the box is
            // not elided (Qt keeps a lone character whole), and ﷽ alone (Amiri: 161 px at 14 px, 241 px at 150 %
            // text) was drawn past the row's "⋯" and its edge (session 55's trial). Up and down it reaches the row's
            // top and the time's top, no further: Amiri's ﷽ rises and falls past the title's line, and with the box
            // 24 px above and below the line its lower strokes were drawn over the row's time at 100 % text (session
            // 57's loose ends), its upper ones could reach the row above. What the box would cut is drawn smaller
            // instead (titleLabel.fit), so that such a glyph is seen whole: cut at the box, ﷽ lost its lower sweep
            // and its first word (session 57's loose ends).
            Item {
                Layout.fillWidth: true
                implicitWidth: titleLabel.implicitWidth
                implicitHeight: titleLabel.implicitHeight
                Item {
                    id: titleClip
                    readonly property real above: root.topPadding
                    y: -above
                    width: parent.width
                    height: parent.height + above + titleColumn.spacing
                    clip: true
                    // What the title's line draws (elided as the label elides it), and where its strokes reach from
                    // the pen's start on the baseline: the ink, which for ﷽ is wider and deeper than the line's box.
                    TextMetrics {
                        id: titleShown
                        font: titleLabel.font
                        text: titleLabel.text
                        elide: titleLabel.elide
                        elideWidth: titleClip.width
                    }
                    TextMetrics { id: titleInk; font: titleLabel.font; text: titleShown.elidedText }
                    Label {
                        id: titleLabel
                        readonly property rect ink: titleInk.tightBoundingRect
                        // How much smaller the title is drawn so that its ink fits the box: 1 for any title but one
                        // Qt draws wider than the box (it does not elide a lone character: Amiri's ﷽ is 160 px wide
                        // at 14 px) or one whose strokes are taller than the box.
                        readonly property real inkRight: Math.max(0, ink.x) + ink.width  // from the box's left
                        readonly property real fit: Math.min(1,
                            inkRight > titleClip.width + 1 ? titleClip.width / inkRight : 1,
                            ink.height > titleClip.height ? titleClip.height / ink.height : 1)
                        transformOrigin: Item.TopLeft
                        scale: fit
                        // As wide as the box once drawn smaller (the text's alignment then holds in it)
                        width: parent.width / fit
                        // Where a title is (its baseline as every row's), moved up or down only as far as keeps its
                        // ink inside the box (﷽'s sweep falls 8.6 px below its baseline at 14 px, 5 px past the
                        // time's top); its ink's left end at the box's where it starts left of the pen.
                        x: fit < 1 ? -Math.min(0, ink.x) * fit : 0
                        y: Math.max(-(baselineOffset + ink.y) * fit,
                                    Math.min(titleClip.above, titleClip.height - (baselineOffset + ink.y + ink.height) * fit))
                        // One line of the row's own face, whatever face draws a character of it: "﷽" is drawn
                        // with Amiri, whose line is much taller, and pushed the time down, cut at the row's foot in
                        // ja and zh_CN (session 55's trial; test_cut_texts_sidebar::
                        // rowTimeStaysInItsRowWhateverFaceDrawsTheTitle).
                        lineHeightMode: Text.FixedHeight
                        lineHeight: titleMetrics.height
                        FontMetrics { id: titleMetrics; font: titleLabel.font }
                        text: root.pinned ? "📌 " + root.title : root.title
                        // one line (the model's shownTitle), and "<b>" in a title stays text
                        textFormat: Text.PlainText
                        horizontalAlignment: root.textAlignment
                        // A numbered copy ("From here: Report (2)", conversation_fork.h unusedTitle) keeps its
                        // number in view, as file managers cut a name: three forks of a long title read alike cut at
                        // the end (session 51).
                        elide: /\s\(\d+\)$/.test(root.title) ? Text.ElideMiddle : Text.ElideRight
                        color: Theme.text
                        font.weight: root.selected ? Font.DemiBold : Font.Normal
                    }
                }
            }
            Label {
                objectName: root.writing ? "conversationWriting" : ""  // the test hook's "writing in the sidebar:" line
                Layout.fillWidth: true
                // Its turn still waiting for a Local API request (the model writes one reply at a time): said, as
                // the status line says it, not "Writing" over a reply not begun (session 51's "Left").
                text: root.writing ? (Chat.waitingForApi ? qsTr("Waiting for the Local API…")
                                                         : qsTr("Writing a reply…"))
                      : root.openedLast ? qsTr("Opened %1").arg(root.updatedText) : root.updatedText
                elide: Text.ElideRight  // a longer translation is cut with "…", not at the row's edge
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
            readonly property Menu shownMenu: root.isFolder ? folderMenu : menu
            // Opened with the keyboard (Space, Return or Enter), the menu starts on its first item, as native menus do:
            // before, no item was highlighted until Down was pressed. A click opens it with none, as before.
            Keys.onPressed: (event) => {
                if (event.key !== Qt.Key_Space && event.key !== Qt.Key_Return && event.key !== Qt.Key_Enter) return
                event.accepted = true
                if (!event.isAutoRepeat) openMenu(true)
            }
            function openMenu(byKeyboard) {
                shownMenu.popup(menuButton, 0, menuButton.height)
                if (byKeyboard) shownMenu.currentIndex = 0
            }
            function openMenuAt(item, x, y) { shownMenu.popup(item, x, y) }
            ToolTip.visible: hovered
            ToolTip.text: root.isFolder ? qsTr("Rename or delete the folder")
                                        : qsTr("Rename, instructions, export, starting state, pin, folder or delete")
            Menu {
                id: menu
                // A popup made in a list's delegate keeps the palette it had when first opened (Qt 6.4): after a theme
                // switch the menu was drawn in the old theme (session 32's check). Its button's palette follows.
                palette: menuButton.palette
                Component.onCompleted: {
                    Theme.followPalette(menu)  // the content follows a theme switch (Theme.qml)
                    // The test hook clicks the submenu's own item by name (Click:moveToFolderMenuItem)
                    for (let i = 0; i < menu.count; ++i)
                        if (menu.itemAt(i).subMenu === moveMenu) menu.itemAt(i).objectName = "moveToFolderMenuItem"
                }
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
                Menu {
                    id: moveMenu
                    title: qsTr("Move to folder")
                    palette: menuButton.palette
                    Component.onCompleted: Theme.followPalette(moveMenu)
                    // One item per folder (Chat.conversations.folders), the chat's own checked; then New folder….
                    Instantiator {
                        id: folderItems
                        model: root.isFolder ? [] : Chat.conversations.folders
                        delegate: MenuItem {
                            required property var modelData
                            objectName: "moveToFolder-" + modelData.id  // the test hook's Click:moveToFolder-ID
                            text: modelData.name
                            checkable: true
                            checked: Number(modelData.id) === Number(root.folderId)
                            onTriggered: root.moveToFolderRequested(modelData.id)
                        }
                        onObjectAdded: (index, object) => moveMenu.insertItem(index, object)
                        onObjectRemoved: (index, object) => moveMenu.removeItem(object)
                    }
                    MenuSeparator { visible: Chat.conversations.folders.length > 0 }
                    MenuItem {
                        objectName: "newFolderMenuItem"
                        text: qsTr("New folder…")
                        // In line with the folder names above it: a checkable item keeps its check mark's room (the
                        // indicator and the spacing) before its text, and this one is not checkable (it began 34 px
                        // further left, session 48's trial)
                        readonly property real checkRoom: folderItems.count > 0
                                                          ? folderItems.objectAt(0).indicator.width + spacing : 0
                        leftPadding: padding + (mirrored ? 0 : checkRoom)
                        rightPadding: padding + (mirrored ? checkRoom : 0)
                        onTriggered: root.newFolderRequested()
                    }
                }
                MenuItem {
                    objectName: "removeFromFolderMenuItem"
                    text: qsTr("Remove from folder")
                    // Shown only for a chat in a folder: hidden, a Menu's item keeps its height unless it goes too
                    visible: Number(root.folderId) !== 0
                    enabled: visible  // and the menu's arrow keys pass over it
                    height: visible ? implicitHeight : 0
                    onTriggered: root.moveToFolderRequested(0)
                }
                MenuItem { objectName: "deleteMenuItem"; text: qsTr("Delete"); onTriggered: root.deleteRequested() }
            }
            Menu {
                id: folderMenu
                palette: menuButton.palette
                Component.onCompleted: Theme.followPalette(folderMenu)
                MenuItem {
                    objectName: "renameFolderMenuItem"
                    text: qsTr("Rename…")
                    onTriggered: root.renameFolderRequested()
                }
                MenuItem {
                    objectName: "deleteFolderMenuItem"
                    text: qsTr("Delete folder…")
                    onTriggered: root.deleteFolderRequested()
                }
            }
        }
    }
}
