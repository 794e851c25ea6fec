// UndoBar.qml — "“Title” moved to the trash · Undo" at the foot of the sidebar after a delete; hides itself after a
// few seconds (the conversation stays in the trash for 30 days).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RwkvDesktop.Core

Rectangle {
    id: root
    visible: Library.undoTitle.length > 0
    implicitHeight: row.implicitHeight + 12
    radius: Theme.radius - 2
    color: Theme.text

    Timer {
        interval: 8000
        running: root.visible
        onTriggered: Library.dismissUndo()
    }
    RowLayout {
        id: row
        anchors.fill: parent
        anchors.margins: 6
        anchors.leftMargin: 10
        Label {
            Layout.fillWidth: true
            text: qsTr("“%1” moved to the trash").arg(Library.undoTitle)
            textFormat: Text.PlainText  // the title is one line (oneLineTitle); markup in it stays text
            elide: Text.ElideRight
            color: Theme.window
            font.pixelSize: Theme.smallFontSize
        }
        Button {
            text: qsTr("Undo")
            flat: true
            onClicked: Library.undo()
            contentItem: Label {
                text: parent.text
                color: Theme.dark ? Theme.accentHover : "#9db1ff"
                font.weight: Font.DemiBold
            }
        }
    }
}
