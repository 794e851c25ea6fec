// DownloadBanner.qml — the chat window's view of the model download started last (ModelManager.activeDownload*):
// what is downloading and how far (bar, bytes, speed, time left), why it is waiting ("Retrying in 4 s: no network
// or no DNS: …") as soon as an attempt fails, and a failure or pause with Retry / Resume and the bytes it keeps
// ("1.00 KB of 3.00 KB", as its card on the Models page says them); where it goes when the
// chosen models folder cannot be written (ModelManager.modelsDirNote). "Models" opens the model
// manager; ✕ hides the banner while the download goes on. Controller: app/core/models/model_manager_controller.h.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RwkvDesktop.Core

Rectangle {
    id: root
    objectName: "downloadBanner"
    signal showModels()
    readonly property string state_: ModelManager.activeDownloadState
    readonly property bool stopped: state_ === "failed" || state_ === "paused"
    // A pause offers Resume ("Interrupted when the app closed; resume to continue."): not an error, so not in red;
    // a failure, or a pause that can never end (larger than the disk), is (session 32's trial, nit).
    readonly property bool failed: state_ === "failed" || (state_ === "paused" && !ModelManager.activeDownloadResumable)
    readonly property bool waiting: ModelManager.activeDownloadNote.length > 0
    // The note that another window downloads the file and this one waits: nothing is wrong, so not in red.
    readonly property bool problem: waiting && !ModelManager.activeDownloadWaitsForOtherWindow
    visible: ModelManager.activeDownloadText.length > 0
    implicitHeight: visible ? column.implicitHeight + 20 : 0
    radius: Theme.radius
    color: failed ? Theme.dangerBackground : Theme.sidebarSelected
    border.color: failed || problem ? Theme.danger : Theme.accent

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 14
        anchors.rightMargin: 6
        spacing: 8
        ColumnLayout {
            id: column
            Layout.fillWidth: true
            spacing: 6
            Label {
                objectName: "downloadText"
                Layout.fillWidth: true
                wrapMode: Text.Wrap  // at spaces, else anywhere: a sha256 or a path would run on under the buttons
                text: ModelManager.activeDownloadText
                textFormat: Text.PlainText  // the model's name, a server's message
                color: root.failed ? Theme.danger : Theme.text
            }
            Label {  // a failed or paused download's bytes, in its card's words (the banner gave the reason alone)
                objectName: "downloadBytes"
                Layout.fillWidth: true
                visible: text.length > 0
                text: ModelManager.activeDownloadBytes
                textFormat: Text.PlainText
                color: Theme.mutedText
                font.pixelSize: Theme.smallFontSize
            }
            ProgressBar {
                Layout.fillWidth: true
                visible: !root.stopped
                from: 0
                to: 1
                value: Math.max(0, ModelManager.activeDownloadProgress)
                indeterminate: ModelManager.activeDownloadProgress < 0 || root.state_ === "verifying"
            }
            Label {  // the chosen models folder cannot be written: where this download goes instead
                Layout.fillWidth: true
                objectName: "modelsDirNote"
                visible: text.length > 0
                wrapMode: Text.Wrap
                text: ModelManager.modelsDirNote
                textFormat: Text.PlainText  // it quotes paths
                color: Theme.mutedText
                font.pixelSize: Theme.smallFontSize
            }
            Label {
                Layout.fillWidth: true
                objectName: "downloadNote"
                visible: root.waiting
                wrapMode: Text.Wrap  // at spaces, else anywhere: a sha256 or a path would run on under the buttons
                text: ModelManager.activeDownloadNote
                // Plain: it quotes a .part.lock's host name, which anyone who can write a shared models folder sets
                // (as rich text, a host "<img src=http://…>" made every waiting window fetch that address).
                textFormat: Text.PlainText
                color: root.problem ? Theme.danger : Theme.mutedText
                font.pixelSize: Theme.smallFontSize
            }
        }
        Button {  // no Resume for a file larger than the whole disk: it can never end (session 26's trial, F9)
            visible: root.stopped && (root.state_ !== "paused" || ModelManager.activeDownloadResumable)
            text: root.state_ === "paused" ? qsTr("Resume") : qsTr("Retry")
            onClicked: root.state_ === "paused" ? ModelManager.resume(ModelManager.activeDownloadId)
                                                : ModelManager.download(ModelManager.activeDownloadId)
        }
        Button {
            text: qsTr("Models")
            onClicked: root.showModels()
        }
        ToolButton {
            text: "✕"
            onClicked: ModelManager.dismissActiveDownload()
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Hide (the download goes on)")
        }
    }
}
