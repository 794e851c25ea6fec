// DrawerHeader.qml — the title bar of a side drawer (Settings, Models): its title, the drawer's own extra
// buttons (children go between the title and ✕), the close button and a bottom border.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Rectangle {
    id: root
    property string title
    default property alias extras: extraRow.data
    signal closeRequested()

    implicitHeight: 56
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
            objectName: root.objectName.length > 0 ? root.objectName + "-close" : ""  // the test hook clicks it
            text: "✕"
            onClicked: root.closeRequested()
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Close")
        }
    }
    Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.border }
}
