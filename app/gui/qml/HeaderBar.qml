// HeaderBar.qml — the conversation title and the model picker button above the messages.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RwkvDesktop.Core

Rectangle {
    id: root
    signal chooseModel()
    signal openModelManager()
    signal openSettings()
    signal toggleSidebar()
    /// A narrow window (Main.narrow): ☰ at the left shows or hides the conversations.
    property bool sidebarToggle: false
    property bool sidebarShown: true

    implicitHeight: Theme.px(56)
    color: Theme.window

    RowLayout {
        id: row
        // What the title and the model button share: the row less the Models and Settings buttons and the gaps.
        readonly property real shared: width - managerButton.implicitWidth - settingsButton.implicitWidth - 3 * spacing
        anchors.fill: parent
        anchors.leftMargin: Theme.spacing * 2
        anchors.rightMargin: Theme.spacing
        spacing: Theme.spacing

        Button {
            id: sidebarButton
            objectName: "sidebarToggle"
            visible: root.sidebarToggle
            text: "☰"
            flat: true
            implicitWidth: implicitContentWidth + 20
            onClicked: root.toggleSidebar()
            background: FocusFrame { control: sidebarButton; implicitHeight: Theme.px(34) }
            ToolTip.visible: hovered
            ToolTip.text: root.sidebarShown ? qsTr("Hide the conversations") : qsTr("Show the conversations")
            Accessible.name: ToolTip.text
        }

        Label {
            id: title
            objectName: "chatTitle"  // the hook's "header:" line
            Layout.fillWidth: true
            // At the narrowest window (720 px) the buttons left the title nothing but "…": it keeps up to 100 px, and
            // the model button gives way instead (its name is cut in the middle; the tooltip has the whole path).
            Layout.minimumWidth: Math.min(implicitWidth, 100)
            // Beyond those 100 px the title takes only the room the buttons leave: with its text's width as its
            // preferred width, a 200-character title took room from the model button ("tiny-r…7-834K", session 32).
            Layout.preferredWidth: Math.min(implicitWidth, 100)
            text: Chat.currentTitle
            textFormat: Text.PlainText  // one line (shownTitle); markup in a title stays text
            // At the header's start, as the sidebar's rows (ConversationDelegate.textAlignment): the left, the right in a
            // window laid out right to left. An Arabic or Hebrew title took its own direction's side, at the right
            // beside Models, away from where every other title sits (session 34's check); its letters keep their order.
            horizontalAlignment: Qt.application.layoutDirection === Qt.RightToLeft ? Text.AlignRight : Text.AlignLeft
            // A numbered copy ("From here: Report (2)") keeps its number in view, as the sidebar's row does
            // (ConversationDelegate): cut at its end, three forks of a long title read alike here (session 51's loose
            // ends; the hook's "header title drawn:").
            elide: /\s\(\d+\)$/.test(text) ? Text.ElideMiddle : Text.ElideRight
            font.pixelSize: Theme.titleFontSize
            font.weight: Font.DemiBold
            color: Theme.text
        }

        Button {
            id: managerButton
            objectName: "modelsButton"
            text: qsTr("Models")
            flat: true
            implicitWidth: implicitContentWidth + 24  // not the Basic style's 100 px: room for the title at 720 px
            onClicked: root.openModelManager()
            background: FocusFrame { control: managerButton; implicitHeight: Theme.px(34) }
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Download and manage models")
        }

        Button {
            id: settingsButton
            objectName: "settingsButton"
            text: qsTr("Settings")
            flat: true
            implicitWidth: implicitContentWidth + 24
            onClicked: root.openSettings()
            background: FocusFrame { control: settingsButton; implicitHeight: Theme.px(34) }
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Device, language, theme and folders (Ctrl+,)")
        }

        Button {
            id: modelButton
            objectName: "modelButton"
            // Whole pixels: the layout gives an item whole pixels, so a text 95.6 px wide got 95 and was cut to
            // "ran…low" with room beside it, where "rand-good" (a whole-pixel width) was not (session 28's trial, F2).
            implicitWidth: Math.ceil(implicitContentWidth) + leftPadding + rightPadding
            // A very long name takes at most 40 % of the room it shares with the title, more when the title needs less:
            // as wide as its text, it left the title its 100 px (session 32's check). Cut in the middle beyond that.
            Layout.maximumWidth: Math.min(implicitWidth,
                                          Math.max(Math.round(row.shared * 0.4), row.shared - title.implicitWidth))
            Layout.minimumWidth: Math.min(implicitWidth, 100)
            Layout.fillWidth: true  // shrinks (down to its minimum) before the title does
            text: Chat.composerState === Chat.LoadingModel ? qsTr("Loading…")
                  : Chat.modelName.length > 0 ? Chat.modelName : qsTr("Choose a model…")
            enabled: Chat.composerState !== Chat.LoadingModel && Chat.composerState !== Chat.Generating
            onClicked: root.chooseModel()
            ToolTip.visible: hovered
            ToolTip.text: Chat.composerState === Chat.Generating ? qsTr("The model can be changed once the reply is written")
                          : Chat.modelPath.length > 0 ? Chat.modelPath : qsTr("Choose a model file")
            // Off while a reply is written or a model loads, and drawn so (grey text): it looked as usual and ignored
            // clicks (session 20's trial, F19).
            contentItem: Label {
                // The model's name isolated (U+2068 … U+2069): a Hebrew or Arabic name made the whole label right to
                // left, drawn "▾ name ◆" (session 45; the Loading… and Choose a model… words are the app's own).
                text: "◆  " + (Chat.composerState !== Chat.LoadingModel && Chat.modelName.length > 0
                               ? "\u2068" + modelButton.text + "\u2069" : modelButton.text) + "  ▾"
                color: !modelButton.enabled ? Theme.mutedText : Chat.composerState === Chat.NoModel ? Theme.accent : Theme.text
                font.pixelSize: Theme.smallFontSize + 1
                verticalAlignment: Text.AlignVCenter
                elide: Text.ElideMiddle
            }
            background: Rectangle {
                implicitHeight: Theme.px(34)
                radius: height / 2
                color: modelButton.hovered || modelButton.visualFocus ? Theme.sidebarHover : Theme.sidebar
                // Reached with Tab: a 2 px accent outline (the button's own 1 px border is grey, or accent without a model).
                border.width: modelButton.visualFocus ? 2 : 1
                border.color: Chat.composerState === Chat.NoModel || modelButton.visualFocus ? Theme.accent : Theme.border
            }
        }
    }

    Rectangle {
        anchors.bottom: parent.bottom
        width: parent.width
        height: 1
        color: Theme.border
    }
}
