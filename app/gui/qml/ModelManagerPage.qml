// ModelManagerPage.qml — the model manager: catalog cards (size, shape, fit, progress with speed and ETA),
// the download source picker, the models folder, and local models (use, import, delete). A view only: state and
// decisions live in ModelManagerController (app/core/models/model_manager_controller.h), the `ModelManager`
// singleton of RwkvDesktop.Core.
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import RwkvDesktop.Core

Page {
    id: page
    background: Rectangle { color: Theme.window }
    // A language switch while the Models drawer is closed (Settings is open) changes the labels' widths, but Qt 6.4's
    // GridLayout, marked dirty while hidden, drops that change and lays the row out with the old words' widths when
    // the drawer opens: after 简体中文 → English "Download from" was cut under the combo box and "Models folder" ran
    // into the path (session 39's trial). Laying it out here reads the words shown.
    onVisibleChanged: if (visible) settingsGrid.ensurePolished()

    signal closeRequested()
    /// Scrolls the catalog to model `id` (a download started from the import banner or shown by the download banner:
    /// before, the page opened at its top and that model's progress could be out of sight). The card stays in view
    /// while it grows (its progress and "why it waits" lines appear after the drawer opened) or the list gets shorter,
    /// until the user scrolls the list.
    function showModel(id) {
        shownModel = id
        reposition()
    }
    property string shownModel: ""
    Connections {  // a download that fails while the page is open: its card, which says why, comes into view
        target: ModelManager
        function onErrorMessageChanged() {
            if (page.visible && ModelManager.errorCardId.length > 0) page.showModel(ModelManager.errorCardId)
        }
    }
    function reposition() {
        const row = shownModel.length > 0 ? ModelManager.catalog.rowOf(shownModel) : -1
        if (row >= 0) catalogView.positionViewAtIndex(row, ListView.Contain)
    }

    header: DrawerHeader {
        objectName: "modelsHeader"
        title: qsTr("Models")
        onCloseRequested: page.closeRequested()
    }

    FolderDialog {
        id: folderDialog
        title: qsTr("Choose the models folder")
        onAccepted: ModelManager.modelsDir = selectedFolder
        onVisibleChanged: if (visible) {  // its highlighted row readable, Ctrl+L named, Open as shown: dialog_rows.h
            DialogRows.makeReadable(folderDialog, Theme.text, Theme.accentText,
                                    qsTr("Ctrl+L: a path from your home folder"))
            DialogRows.guardFolder(folderDialog, Theme.danger)
        }
    }
    FileDialog {
        id: importDialog
        title: qsTr("Import a model file")
        nameFilters: [qsTr("Model files (*.pth *.gguf *.st *.safetensors *.bin)")]
        onAccepted: ModelManager.importModel(selectedFile)
        onVisibleChanged: if (visible) {  // its highlighted row readable, Ctrl+L named, Open as shown: dialog_rows.h
            DialogRows.makeReadable(importDialog, Theme.text, Theme.accentText, qsTr("Ctrl+L: type a path"))
            DialogRows.guardOpen(importDialog, Theme.mutedText)
        }
        function ask() {  // where a model was imported from last (ModelManager.importFolder), the first time home
            currentFolder = ModelManager.importFolder
            open()
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: Theme.spacing

        // --- error banner --- (a note on an import that went well, "… was imported as … (2)…", in the colours of the
        // import banner's successes: it was red, as a failure, session 33's check)
        // A download's failure is its card's (ModelManager.errorCardId, brought into view below), not this banner's:
        // it said the failure a second time on the page (session 44's trial: banner, card and the chat's banner).
        Rectangle {
            Layout.fillWidth: true
            objectName: "modelsErrorBanner"
            visible: ModelManager.errorMessage.length > 0 && ModelManager.errorCardId.length === 0
            implicitHeight: errorRow.implicitHeight + Theme.spacing
            radius: Theme.radius
            color: ModelManager.errorIsNote ? Theme.sidebarSelected : Theme.dangerBackground
            border.color: ModelManager.errorIsNote ? Theme.accent : "transparent"
            RowLayout {
                id: errorRow
                anchors.fill: parent
                anchors.margins: Theme.spacing / 2
                Label {
                    Layout.fillWidth: true
                    textFormat: Text.PlainText
                    text: ModelManager.errorMessage
                    color: ModelManager.errorIsNote ? Theme.text : Theme.danger
                    wrapMode: Text.Wrap
                }
                ToolButton { text: qsTr("Dismiss"); onClicked: ModelManager.clearError() }
            }
        }

        // --- settings row: folder, source, memory ---
        // Laid out again when the page shows (onVisibleChanged above): its labels' column follows a language switch.
        GridLayout {
            id: settingsGrid
            Layout.fillWidth: true
            columns: 3
            columnSpacing: Theme.spacing
            Label { text: qsTr("Models folder"); color: Theme.mutedText }
            Label {
                Layout.fillWidth: true
                textFormat: Text.PlainText
                text: ModelManager.modelsDir
                elide: Text.ElideMiddle
                color: Theme.text
            }
            Button {
                objectName: "modelsPageFolderChange"
                text: qsTr("Change…")
                onClicked: {  // in the folder set, not the one the app was started in (session 30's check, F5)
                    folderDialog.currentFolder = DialogRows.folderToShow(ModelManager.modelsDir)
                    folderDialog.open()
                }
            }

            Label { text: qsTr("Download from"); color: Theme.mutedText }
            ComboBox {
                id: sourcePicker
                palette.highlightedText: Theme.text  // the open list's highlighted row is on palette.light: not white
                Layout.fillWidth: true
                Layout.columnSpan: 2
                model: ModelManager.sourceLabels
                currentIndex: ModelManager.sources.indexOf(ModelManager.source)
                onActivated: (index) => ModelManager.source = ModelManager.sources[index]
            }
            // The GPU and RAM line, under the source picker as wide as it and the button column, wrapped (two lines at
            // most, then elided with the whole line in a tooltip). Right of the picker, the grid kept the room it had
            // laid out for the line read before the device list ("GPU none detected"), and the longer one ran past the
            // window's edge at the default 1,100 px: "GPU llvmpipe (software, on th" (session 39's trial, shot 31).
            Item { width: 1; height: 1 }
            Label {
                id: memoryLine
                objectName: "modelsMemoryLine"  // the test hook's "models memory line:"
                Layout.columnSpan: 2
                Layout.fillWidth: true
                Layout.preferredWidth: 0  // the columns' room, whatever the text's length
                text: ModelManager.memoryText
                color: Theme.mutedText
                font.pixelSize: Theme.smallFontSize
                wrapMode: Text.Wrap
                maximumLineCount: 2
                elide: Text.ElideRight
                HoverHandler { id: memoryHover }
                ToolTip.visible: memoryLine.truncated && memoryHover.hovered
                ToolTip.text: memoryLine.text
            }
        }
        // A folder that cannot be written (a team's read-only share): its models are listed below, downloads and
        // imports go to the standard folder (session 27's trial, F9: it was refused whole, without its models).
        Label {
            objectName: "modelsDirNote"  // the test hook's "models folder note:" line
            Layout.fillWidth: true
            visible: text.length > 0
            text: ModelManager.modelsDirNote
            color: Theme.mutedText
            wrapMode: Text.Wrap
            textFormat: Text.PlainText  // it quotes paths
        }
        // A download started before the models folder changed goes on into its folder (session 28's trial, F10).
        Label {
            objectName: "elsewhereNote"
            Layout.fillWidth: true
            visible: text.length > 0
            text: ModelManager.elsewhereNote
            color: Theme.mutedText
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
        }

        Label { text: qsTr("Available models"); font.pixelSize: Theme.titleFontSize; color: Theme.text }
        // A catalog file that could not be used (--catalog, or a damaged bundled one): said here, over the empty list
        // (session 23's trial, T6: nothing but stderr said it, and the app is started from a menu).
        Label {
            objectName: "catalogProblem"  // the test hook's "catalog problem:" line
            Layout.fillWidth: true
            visible: ModelManager.catalogProblem.length > 0
            text: ModelManager.catalogProblem
            color: Theme.danger
            wrapMode: Text.Wrap
            textFormat: Text.PlainText  // it quotes a file name and the file's own words
        }

        ListView {
            id: catalogView
            objectName: "catalogView"  // the test hook lists the models in view
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.spacing / 2
            model: ModelManager.catalog
            ScrollBar.vertical: ScrollBar {}
            // Every card made (a catalog holds a dozen or two, ~110 px each), so Tab and Shift+Tab go through them all
            // in order: with the default buffer the cards far above the view were gone and Shift+Tab skipped them.
            cacheBuffer: 10000
            onHeightChanged: if (page.shownModel.length > 0) Qt.callLater(page.reposition)
            onMovementStarted: page.shownModel = ""  // the user's scroll wins
            delegate: Rectangle {
                id: card
                onHeightChanged: if (modelId === page.shownModel) Qt.callLater(page.reposition)
                required property int index
                /// A button of this card given the keys (Tab, Shift+Tab) brings the card into view, and the list makes
                /// the cards around it, so Tab goes on to the next model. Before, the focus went on below the list's
                /// foot, out of sight, and stopped at the cards the list had made: 7 of 13 models (session 58's trial).
                function keepInView(focused) {
                    if (focused) catalogView.positionViewAtIndex(index, ListView.Contain)
                }
                required property string modelId
                required property string name
                required property string params
                required property string format
                required property string sizeText
                required property string shapeText
                required property string fit
                required property string fitText
                required property bool installed
                required property string wrongSizeText
                required property string downloadState
                required property bool resumable
                required property real progress
                required property string progressText
                required property string speedText
                required property string etaText
                required property string transferText  // bytes · speed · time left; a failed one's bytes kept
                required property string message
                readonly property bool active: downloadState === "downloading" || downloadState === "queued"
                                               || downloadState === "verifying"
                // Whether the fit text ("Too large as fp16; fits … with int8 weights (Settings → …)") goes on a line of
                // its own under the name: when it does not fit beside it in 55 % of the card. Wrapped there, the
                // zh_CN text left one character on its second line at 1,100 px (session 37's check).
                // (fitMetrics.font read first: advanceWidth() alone does not make the binding follow a text size change)
                readonly property bool fitOwnLine: width > 0 && (fitMetrics.font, fitMetrics.advanceWidth(fitText)) > width * 0.55
                readonly property color fitColor: fit === "too-large" ? Theme.danger : fit === "gpu" ? Theme.accent
                                                                                                    : Theme.mutedText
                FontMetrics { id: fitMetrics; font: Theme.font({ pixelSize: Theme.smallFontSize }) }

                width: ListView.view.width - Theme.spacing
                implicitHeight: cardColumn.implicitHeight + Theme.spacing * 1.5
                radius: Theme.radius
                color: Theme.sidebar
                border.color: Theme.border

                ColumnLayout {
                    id: cardColumn
                    anchors.fill: parent
                    anchors.margins: Theme.spacing * 0.75
                    spacing: 4

                    // Anchored, not a RowLayout: after Ctrl+= Qt 6.4's RowLayout kept the first card's name at its
                    // width and pushed the fit text past the card's edge ("Fits your RAM (C" at 150 %, session 48).
                    Item {
                        Layout.fillWidth: true
                        implicitHeight: Math.max(cardName.implicitHeight, fitBeside.implicitHeight)
                        Label {
                            id: cardName
                            anchors.left: parent.left
                            anchors.right: fitBeside.left
                            anchors.rightMargin: fitBeside.text.length > 0 ? Theme.spacing / 2 : 0
                            anchors.verticalCenter: parent.verticalCenter
                            textFormat: Text.PlainText
                            text: card.name
                            font.bold: true
                            color: Theme.text
                            elide: Text.ElideRight
                        }
                        Label {  // a short fit text, beside the name
                            id: fitBeside
                            objectName: "fitBeside"
                            anchors.right: parent.right
                            anchors.verticalCenter: parent.verticalCenter
                            // Emptied, not hidden: a label made visible again here was left at x 0, over the name
                            // (the first card of a 720 px window; Qt 6.4's RowLayout).
                            textFormat: Text.PlainText
                            text: card.fitOwnLine ? "" : card.fitText
                            font.pixelSize: Theme.smallFontSize
                            color: card.fitColor
                        }
                    }
                    Label {  // a long one, on its own line under the name, wrapped only where even that is too narrow
                        objectName: "fitOwnLine"
                        visible: card.fitOwnLine
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        textFormat: Text.PlainText
                        text: card.fitText
                        font.pixelSize: Theme.smallFontSize
                        color: card.fitColor
                    }
                    Label {
                        textFormat: Text.PlainText
                        text: [card.params, card.format, card.sizeText, card.shapeText].filter(s => s.length > 0).join("  ·  ")
                        font.pixelSize: Theme.smallFontSize
                        color: Theme.mutedText
                    }

                    ProgressBar {
                        Layout.fillWidth: true
                        visible: card.active || card.downloadState === "paused"
                        from: 0
                        to: 1
                        value: card.progress < 0 ? 0 : card.progress
                        indeterminate: card.progress < 0 || card.downloadState === "verifying"
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: text.length > 0
                        font.pixelSize: Theme.smallFontSize
                        color: Theme.mutedText
                        textFormat: Text.PlainText
                        // A failed one keeps its bytes beside its reason and Retry (session 34's check: dropped)
                        text: card.downloadState === "verifying" ? qsTr("Verifying sha256…") : card.transferText
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: card.message.length > 0 && card.downloadState !== "completed"
                        textFormat: Text.PlainText
                        text: card.message
                        wrapMode: Text.Wrap
                        font.pixelSize: Theme.smallFontSize
                        // A pause offers Resume: in red only when it can never end (session 32's trial, nit)
                        color: card.downloadState === "failed" || (card.downloadState === "paused" && !card.resumable)
                                   ? Theme.danger : Theme.mutedText
                    }

                    Label {  // a file of its name and another size in the models folder (session 28's trial, F7; C3)
                        Layout.fillWidth: true
                        visible: text.length > 0
                        textFormat: Text.PlainText
                        text: card.active || card.downloadState === "paused" ? "" : card.wrongSizeText
                        wrapMode: Text.Wrap
                        font.pixelSize: Theme.smallFontSize
                        color: Theme.danger
                    }

                    RowLayout {
                        Layout.alignment: Qt.AlignRight
                        Label {
                            visible: card.installed
                            text: qsTr("Ready")
                            color: Theme.accent
                        }
                        Button {
                            visible: !card.installed && !card.active && card.downloadState !== "paused"
                            text: card.downloadState === "failed" ? qsTr("Retry")
                                  : card.wrongSizeText.length > 0 ? qsTr("Download again") : qsTr("Download")
                            objectName: "download-" + card.modelId  // the test hook's "active focus:" line names it
                            onClicked: ModelManager.download(card.modelId)  // resumes a kept .part
                            onActiveFocusChanged: card.keepInView(activeFocus)
                        }
                        Button {
                            visible: card.downloadState === "downloading"
                            text: qsTr("Pause")
                            onClicked: ModelManager.pause(card.modelId)
                            onActiveFocusChanged: card.keepInView(activeFocus)
                        }
                        Button {
                            visible: card.downloadState === "paused" && card.resumable  // not when it can never end
                            text: qsTr("Resume")
                            onClicked: ModelManager.resume(card.modelId)
                            onActiveFocusChanged: card.keepInView(activeFocus)
                        }
                        Button {
                            visible: card.active || card.downloadState === "paused" || card.downloadState === "failed"
                            text: qsTr("Cancel")
                            onClicked: ModelManager.cancel(card.modelId)
                            onActiveFocusChanged: card.keepInView(activeFocus)
                        }
                    }
                }
            }
        }

        // --- local models ---
        RowLayout {
            Layout.fillWidth: true
            Label {
                Layout.fillWidth: true
                text: qsTr("On this computer")
                font.pixelSize: Theme.titleFontSize
                color: Theme.text
            }
            BusyIndicator { running: ModelManager.importing; visible: running; implicitHeight: 24 }
            Button {
                objectName: "importModelButton"  // the test hook's Click:importModelButton
                text: qsTr("Import from disk…")
                enabled: !ModelManager.importing
                onClicked: importDialog.ask()
            }
        }
        ListView {
            id: localList
            objectName: "localModelsView"  // the test hook's "local models in view:" line
            Layout.fillWidth: true
            // Empty, as high as its hint (as high as its rows, it was 0 px and the hint clipped away). At most 180 px
            // in a window of the first size's height (720 px), the catalog above keeping the rest; a taller window's
            // extra height is shared by the two lists: a models folder of 39 files showed 3 or 4 rows at a time, in a
            // box 180 px high in a window 1,400 px high too, the catalog taking all the rest (session 54's trial2). A
            // window lower than 720 px takes what it lacks from this list first, down to 72 px (a row or two), so the
            // catalog keeps a card in view: at the window's least size, 640 × 480, with four models here it kept 10 px
            // and showed none (session 59's trial).
            Layout.preferredHeight: count === 0 ? emptyHint.implicitHeight + 16
                                                : Math.min(contentHeight, Math.max(72, 180 - Math.max(0, 720 - page.height))
                                                                              + Math.max(0, page.height - 720) / 2)
            clip: true
            model: ModelManager.localModels
            delegate: ColumnLayout {
                required property var modelData
                width: ListView.view.width
                spacing: 0
                RowLayout {
                    Layout.fillWidth: true
                    Label {
                        Layout.fillWidth: true
                        text: modelData.shownName  // on one line: a line break in the name escaped
                        textFormat: Text.PlainText
                        elide: Text.ElideMiddle
                        color: Theme.text
                    }
                    Label {
                        visible: !modelData.deleted  // then the line under the row says why it is still In use
                        textFormat: Text.PlainText
                        // renamed or moved while in use: this file is the one loaded (session 54's loose ends)
                        text: modelData.loadedAs ? qsTr("%1 · loaded as %2").arg(modelData.sizeText).arg(modelData.loadedAs)
                              : modelData.bundled ? qsTr("%1 · bundled demo model").arg(modelData.sizeText)
                              : modelData.folder ? qsTr("%1 · in %2").arg(modelData.sizeText).arg(modelData.folder)
                                                 : modelData.sizeText
                        color: Theme.mutedText
                        font.pixelSize: Theme.smallFontSize
                    }
                    Label {  // the model's row says so (the demo model loaded by another path too: session 36)
                        visible: modelData.inUse
                        text: qsTr("In use")
                        color: Theme.accent
                    }
                    Label {  // the engine's index check refuses it (cut, damaged, not RWKV-7): no Use; why, below
                        objectName: "modelProblem-" + modelData.fileName
                        visible: !modelData.inUse && modelData.problem.length > 0
                        textFormat: Text.PlainText
                        text: modelData.problem
                        color: Theme.danger
                    }
                    ToolButton {  // loads it now, and at the next start (the model chosen last)
                        objectName: "useModel-" + modelData.fileName  // the test hook's Click:useModel-NAME
                        visible: !modelData.inUse && !modelData.problem
                        enabled: Chat.composerState !== Chat.Generating && Chat.composerState !== Chat.LoadingModel
                        text: qsTr("Use")
                        onClicked: Chat.loadModel(modelData.path)
                    }
                    ToolButton {
                        objectName: "deleteModel-" + modelData.fileName  // the test hook's Click:deleteModel-NAME
                        // not the model in use from another folder, nor the bundled demo model (kept with the app)
                        visible: !modelData.deleted && !modelData.elsewhere && !modelData.bundled
                        text: qsTr("Delete")
                        // In a folder that cannot be written: no question, the banner says why it stays.
                        onClicked: modelData.readOnly ? ModelManager.deleteModel(modelData.path)
                                                      : deleteDialog.ask(modelData.shownName, modelData.path, modelData.inUse)
                    }
                }
                Label {  // deleted while in use: still loaded (session 27's trial, N3)
                    objectName: "modelGone-" + modelData.fileName
                    Layout.fillWidth: true
                    visible: modelData.deleted
                    textFormat: Text.PlainText
                    // Renamed to a name no model file has (m.pth.bak): still there, not listed; it said "Deleted"
                    // (session 55's trial3). On a line of its own, wrapped: beside the name, the sentence took the
                    // row's width, the name was cut to nothing and "In use" past the page's edge.
                    text: !modelData.deleted ? ""
                          : modelData.renamedTo
                          ? qsTr("Renamed to %1, which is not a model file name: it stays loaded until you choose "
                                 + "another model or quit").arg(modelData.renamedTo)
                          : qsTr("Deleted: it stays loaded until you choose another model or quit")
                    wrapMode: Text.Wrap
                    color: Theme.mutedText
                    font.pixelSize: Theme.smallFontSize
                }
                Label {  // a catalog model's file of another size: its card's note here too (session 28's check, C4)
                    Layout.fillWidth: true
                    visible: text.length > 0
                    textFormat: Text.PlainText
                    text: Chat.failedModelPath === modelData.path || !modelData.sizeNote ? "" : modelData.sizeNote
                    wrapMode: Text.Wrap
                    font.pixelSize: Theme.smallFontSize
                    color: modelData.sizeNoteIsInfo ? Theme.mutedText : Theme.danger  // "…; the whole file is in …"
                }
                Label {  // why it is "Damaged" (not with a size note, "Incomplete: …", which says it already)
                    Layout.fillWidth: true
                    visible: text.length > 0
                    textFormat: Text.PlainText
                    text: Chat.failedModelPath === modelData.path || modelData.inUse
                          || modelData.sizeNote ? "" : modelData.problemText
                    wrapMode: Text.Wrap
                    font.pixelSize: Theme.smallFontSize
                    color: Theme.danger
                }
                Label {  // the demo model alone: what it is and how to get a real one (the empty list's hint said it)
                    Layout.fillWidth: true
                    visible: modelData.bundled === true && localList.count === 1
                    text: qsTr("Only the bundled demo model so far (it answers with babble): download a model above or import a file.")
                    wrapMode: Text.Wrap
                    font.pixelSize: Theme.smallFontSize
                    color: Theme.mutedText
                }
                Label {  // Use failed: why, here (the banner is behind this page: session 28's trial, F3)
                    Layout.fillWidth: true
                    visible: Chat.failedModelPath === modelData.path
                    textFormat: Text.PlainText
                    text: visible ? Chat.failedModelReason : ""
                    wrapMode: Text.Wrap
                    font.pixelSize: Theme.smallFontSize
                    color: Theme.danger
                }
            }
            Label {
                id: emptyHint
                anchors.centerIn: parent
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                visible: parent.count === 0
                // The bundled demo model (kept with the app, not here) may be answering: "no models" read as wrong
                // next to it (session 20's trial, F11).
                text: Chat.demoModel ? qsTr("Only the bundled demo model so far (it answers with babble): download a model above or import a file.")
                                     : qsTr("No models yet: download one above or import a file.")
                color: Theme.mutedText
            }
        }
        // A model file whose name is not UTF-8 text: Qt cannot list or open it, so it is named here (session 30's check).
        Label {
            objectName: "unlistedNote"
            Layout.fillWidth: true
            visible: text.length > 0
            text: ModelManager.unlistedNote
            color: Theme.mutedText
            wrapMode: Text.Wrap
            textFormat: Text.PlainText  // file names
        }
    }

    QuestionDialog {
        id: deleteDialog
        property string fileName
        property string path  // deleted by path: a file of that name can be in both folders (modelFolders)
        property bool inUse: false  // the model loaded now: the question says it stays loaded
        function ask(name, filePath, used) { fileName = name; path = filePath; inUse = used; open() }
        // A width of its own (QuestionDialog): sizing the dialog from its (retranslated) label made a width binding loop.
        textWidth: 436
        title: qsTr("Delete model")
        standardButtons: Dialog.Yes | Dialog.No
        Label {
            width: deleteDialog.availableWidth
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
            text: deleteDialog.inUse
                  ? qsTr("%1 is the model in use. Delete it from the models folder? It stays loaded until you choose another model or quit.").arg(deleteDialog.fileName)
                  : qsTr("Delete %1 from the models folder?").arg(deleteDialog.fileName)
        }
        onAccepted: ModelManager.deleteModel(path)
        Component.onCompleted: {
            standardButton(Dialog.Yes).objectName = "deleteModelYes"  // Click:deleteModelYes
            Theme.followPalette(deleteDialog)  // the content follows a theme switch (Theme.qml)
        }
    }
}
