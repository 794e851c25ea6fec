// UndoBar.qml — "“Title” moved to the trash · Undo" at the foot of the sidebar after a delete; hides itself after a
// few seconds (the conversation stays in the trash for 30 days).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RwkvDesktop.Core

Rectangle {
    id: root
    /// Undo opened the chat again; its button goes with this bar, and the keyboard with it unless taken elsewhere.
    signal undone()
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
        // The title cut to one line of the label, so that the words that say what happened always follow it (they
        // wrap under it: beside Undo the label is ~140 px at the sidebar's width).
        TextMetrics {
            id: titleMetrics
            text: Library.undoTitle
            font: undoLabel.font
            elide: Text.ElideRight
            elideWidth: Math.max(40, undoLabel.width - 12)
        }
        Label {
            id: undoLabel
            Layout.fillWidth: true
            text: qsTr("“%1” moved to the trash").arg(Library.isolated(titleMetrics.elidedText))
            textFormat: Text.PlainText  // the title is one line (shownTitle); markup in it stays text
            wrapMode: Text.Wrap
            maximumLineCount: 3
            elide: Text.ElideRight
            color: Theme.window
            font.pixelSize: Theme.smallFontSize
        }
        Button {
            objectName: "undoButton"
            text: qsTr("Undo")
            flat: true
            onClicked: if (Library.undo()) root.undone()
            contentItem: Label {
                text: parent.text
                color: Theme.dark ? Theme.accentHover : "#9db1ff"
                font.weight: Font.DemiBold
            }
        }
    }
}
