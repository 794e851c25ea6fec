// DrawerHeader.qml — the title bar of a side drawer (Settings, Models): its title, the drawer's own extra
// buttons (children go between the title and ✕; flat ones with a FocusFrame), the close button and a bottom border.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Rectangle {
    id: root
    property string title
    default property alias extras: extraRow.data
    signal closeRequested()

    implicitHeight: Theme.px(56)
    color: Theme.window
    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.spacing * 2
        anchors.rightMargin: Theme.spacing
        Label {
            Layout.fillWidth: true
            text: root.title
            font.pixelSize: Theme.titleFontSize + 2
            font.weight: Font.Bold
            color: Theme.text
        }
        Row { id: extraRow }
        ToolButton {
            id: closeButton
            objectName: root.objectName.length > 0 ? root.objectName + "-close" : ""  // the test hook clicks it
            text: "✕"
            // As the header bar's buttons: the style drew the keyboard focus as its grey square with a blue ✕ only
            // (session 45's hand-off).
            background: FocusFrame { control: closeButton; implicitWidth: Theme.px(34); implicitHeight: Theme.px(34) }
            onClicked: root.closeRequested()
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Close")
        }
    }
    Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.border }
}
