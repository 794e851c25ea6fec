// SettingsPage.qml — preferences, stored at once by AppSettings (app/core/app_settings.h, QSettings): language and
// theme (applied immediately), the backend/device the engine loads models on (Devices: every CPU/CUDA/Vulkan
// device, with why one cannot be used), its CPU threads and the weights' type in memory (fp16 or int8), the default
// sampling preset, the local API server (ApiServer: on or off, its port, serving or why not), and the data and models
// folders, with the space the chats' saved model states take and a button that frees it (Library). DesktopServices reloads the model when the device, threads or weight type change.
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import RwkvDesktop.Core

Page {
    id: page
    signal aboutRequested()
    signal closeRequested()

    background: Rectangle { color: Theme.window }

    // Listing GPUs starts their drivers: done when the page is first shown, not at app start.
    function ensureDevices() {
        if (!Devices.listed)
            Devices.refresh()
    }

    FolderDialog {
        id: dataFolderDialog
        title: qsTr("Choose the data folder")
        onAccepted: AppSettings.dataDir = selectedFolder
        onVisibleChanged: if (visible) {  // its highlighted row readable, Ctrl+L named, Open as shown: dialog_rows.h
            DialogRows.makeReadable(dataFolderDialog, Theme.text, Theme.accentText,
                                    qsTr("Ctrl+L: a path from your home folder"))
            DialogRows.guardFolder(dataFolderDialog, Theme.danger)
        }
    }
    FolderDialog {
        id: modelsFolderDialog
        title: qsTr("Choose the models folder")
        onAccepted: ModelManager.modelsDir = selectedFolder
        onVisibleChanged: if (visible) {  // its highlighted row readable, Ctrl+L named, Open as shown: dialog_rows.h
            DialogRows.makeReadable(modelsFolderDialog, Theme.text, Theme.accentText,
                                    qsTr("Ctrl+L: a path from your home folder"))
            DialogRows.guardFolder(modelsFolderDialog, Theme.danger)
        }
    }

    component SectionTitle: Label {
        Layout.topMargin: Theme.spacing
        font.pixelSize: Theme.titleFontSize
        font.weight: Font.DemiBold
        color: Theme.text
    }
    component Hint: Label {
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        color: Theme.mutedText
        font.pixelSize: Theme.smallFontSize
    }
    component FieldLabel: Label {
        Layout.alignment: Qt.AlignTop
        Layout.topMargin: 8
        Layout.preferredWidth: Theme.px(150)
        color: Theme.mutedText
        wrapMode: Text.WordWrap
    }

    header: DrawerHeader {
        objectName: "settingsHeader"
        title: qsTr("Settings")
        onCloseRequested: page.closeRequested()
        Button {
            id: aboutButton
            objectName: "aboutButton"
            text: qsTr("About RWKV Desktop")
            flat: true
            // A frame round the whole button (the style insets it 6 px), as tall as ✕'s, on whole pixels (the text's
            // fractional width blurred its right edge), so that the hook's focus check reads it as drawn.
            leftInset: 0
            rightInset: 0
            topInset: 3
            bottomInset: 3
            implicitWidth: Math.ceil(implicitContentWidth + leftPadding + rightPadding)
            background: FocusFrame { control: aboutButton }  // the keyboard focus outlined, not only its text blue
            onClicked: page.aboutRequested()
        }
    }

    // Under "Free space used by saved states": what it is doing, why it waits, or what it freed.
    function freeStateSpaceNote() {
        if (Library.freeingStates)
            return qsTr("Freeing space…")
        if (Chat.writingConversationId !== 0)
            return qsTr("A reply is being written: its state is saved when it ends. Free the space after that.")
        if (Library.statesFreed < 0)
            return ""
        if (Library.notShrunk === "damaged")  // a saved state's pages cannot be read (the store notes it for the next start)
            return qsTr("%n older saved state(s) deleted, but the database file could not be made smaller: it is damaged where a saved state is kept. At its next start RWKV Desktop checks the whole file and offers to recover the chats that can still be read.", "", Library.statesFreed)
        if (Library.notShrunk !== "")
            return qsTr("%n older saved state(s) deleted, but the database file could not be made smaller (%1): the space inside it is used again by later saved states.", "", Library.statesFreed)
                .arg(Library.notShrunk === "full" ? qsTr("the disk is full") : Library.notShrunk)
        if (Library.statesFreed === 0)
            return Library.bytesFreed > 0 ? qsTr("Freed %1 of unused space in the database.").arg(Library.bytesText(Library.bytesFreed))
                                          : qsTr("Nothing to free: each chat keeps only its newest saved state.")
        return qsTr("Freed %1: %n older saved state(s) deleted.", "", Library.statesFreed).arg(Library.bytesText(Library.bytesFreed))
    }

    // Free space used by saved states asks first, saying what goes and what stays; Cancel has the focus, as the
    // other questions'.
    QuestionDialog {
        id: freeStatesQuestion
        objectName: "freeStatesDialog"
        Component.onCompleted: Theme.followPalette(freeStatesQuestion)
        title: qsTr("Free space used by saved states?")
        textWidth: 420
        onOpened: freeStatesCancel.forceActiveFocus(Qt.TabFocusReason)  // drawn focused (DialogButton)
        Label {
            objectName: "freeStatesQuestion"
            width: freeStatesQuestion.availableWidth
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
            text: qsTr("Each chat keeps only its newest saved model state, on the version it opens on; its older states are deleted and the database file is made smaller. No message is deleted: a chat continued from another version reads its text again once, which takes longer.")
        }
        footer: DialogButtonBox {
            alignment: Qt.AlignRight
            DialogButton {
                objectName: "freeStatesConfirm"
                text: qsTr("Free space")
                DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
                onClicked: {
                    freeStatesQuestion.close()
                    Library.freeStateSpace()
                }
            }
            DialogButton {
                id: freeStatesCancel
                objectName: "freeStatesCancel"
                text: qsTr("Cancel")
                DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
            }
        }
    }

    // The control that gets the keyboard focus is scrolled into view: Tab went on below the fold (to the folders'
    // Change…) while the page stayed at its top, and a keyboard user could not see what Space would act on (session
    // 24's trial, F8). A control in view already does not move the page.
    function showFocusedItem() {
        const item = Window.activeFocusItem
        const flick = scroll.contentItem  // the ScrollView's Flickable
        if (!item || !flick || !flick.contentItem) return
        let p = item
        while (p && p !== flick.contentItem) p = p.parent
        if (!p) return  // not on this page (a dialog, the open list of a ComboBox)
        const top = item.mapToItem(flick.contentItem, 0, 0).y - Theme.spacing
        const bottom = top + item.height + Theme.spacing * 2
        let y = flick.contentY
        if (top < y) y = top
        else if (bottom > y + flick.height) y = bottom - flick.height
        flick.contentY = Math.max(0, Math.min(y, flick.contentHeight - flick.height))
    }
    Window.onActiveFocusItemChanged: Qt.callLater(showFocusedItem)

    ScrollView {
        id: scroll
        anchors.fill: parent
        contentWidth: availableWidth
        clip: true

        ColumnLayout {
            width: scroll.availableWidth - Theme.spacing * 4
            x: Theme.spacing * 2
            spacing: Theme.spacing

            // --- appearance ---
            SectionTitle { text: qsTr("Appearance") }
            GridLayout {
                Layout.fillWidth: true
                columns: 2
                columnSpacing: Theme.spacing
                rowSpacing: Theme.spacing

                FieldLabel { text: qsTr("Language") }
                ComboBox {
                    id: languageBox
                    palette.highlightedText: Theme.text  // the open list's highlighted row is on palette.light: not white
                    // The open list framed as the fields are: the Basic style's has no border, and its last row sat
                    // flush on the row below (session 37's trial: the preset list on the Folders row).
                    popup.background: Rectangle { color: Theme.window; border.color: Theme.border; radius: 4 }
                    objectName: "languageBox"
                    Layout.preferredWidth: Theme.px(260)
                    // index 0: the system's language; then every language with a translation
                    model: [qsTr("System default")].concat(Languages.nativeNames)
                    currentIndex: chosenIndex()
                    // A new language makes the model again ("System default" translated); ComboBox then goes back to
                    // its first row, and this binding has no reason to run again: the box read "跟随系统" right after
                    // 简体中文 was chosen (session 22's trial, F6). The binding is made again after each new model.
                    onModelChanged: currentIndex = Qt.binding(chosenIndex)
                    onActivated: (index) => AppSettings.language = index === 0 ? "" : Languages.languages[index - 1]
                    function chosenIndex() {
                        return AppSettings.language.length === 0 ? 0 : Languages.languages.indexOf(AppSettings.language) + 1
                    }
                }

                FieldLabel { text: qsTr("Theme") }
                RowLayout {
                    spacing: Theme.spacing
                    Repeater {
                        model: [
                            { id: "system", label: qsTr("Follow the system") },
                            { id: "light", label: qsTr("Light") },
                            { id: "dark", label: qsTr("Dark") }
                        ]
                        RadioButton {
                            required property var modelData
                            text: modelData.label
                            checked: AppSettings.theme === modelData.id
                            onClicked: AppSettings.theme = modelData.id
                        }
                    }
                }

                // Every text of the window, applied at once (Theme.textScale); the keys do the same anywhere.
                FieldLabel { text: qsTr("Text size") }
                RowLayout {
                    // The page's width, so the hint wraps: at its own width it pushed the whole page past the drawer's
                    // edge in a 960 px window at 150 % (session 48).
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    ComboBox {
                        id: textSizeBox
                        objectName: "textSizeBox"  // the test hook's "text size:" line
                        palette.highlightedText: Theme.text  // as the language box's list
                        popup.background: Rectangle { color: Theme.window; border.color: Theme.border; radius: 4 }
                        Layout.preferredWidth: Theme.px(120)
                        model: AppSettings.textSizeSteps.map(size => qsTr("%1 %").arg(size))
                        // Bound again after a new model (a language switch) and a choice, as the language box: the
                        // keys change the size while the page is open too.
                        currentIndex: chosenIndex()
                        onModelChanged: currentIndex = Qt.binding(chosenIndex)
                        onActivated: (index) => {
                            AppSettings.textSize = AppSettings.textSizeSteps[index]
                            currentIndex = Qt.binding(chosenIndex)
                        }
                        function chosenIndex() { return AppSettings.textSizeSteps.indexOf(AppSettings.textSize) }
                        Accessible.name: qsTr("Text size")
                    }
                    Hint {
                        Layout.alignment: Qt.AlignVCenter
                        text: qsTr("Ctrl+= larger, Ctrl+- smaller, Ctrl+0 back to 100 %")
                    }
                }
            }

            // --- engine ---
            SectionTitle { text: qsTr("Device") }
            Hint {
                text: qsTr("Where models run. Changing it reloads the current model. If the chosen GPU cannot hold the model, the CPU is used and the app says why.")
            }
            ButtonGroup { id: deviceGroup }
            // The rows in a Column, not the Repeater straight in the page's ColumnLayout: Devices.refresh() makes
            // new rows, and Qt 6.4's layout kept a pointer to a deleted one, read at its next resize — a segfault
            // when the window got narrower after Settings or Models had opened (-geometry 640x720 --open models).
            Column {
                id: deviceColumn
                Layout.fillWidth: true
                spacing: Theme.spacing
                Repeater {
                    model: Devices
                    delegate: RowLayout {
                        id: deviceRow
                        required property string backend
                        required property string label
                        required property string detail
                        required property bool available
                        required property bool notBuilt
                        width: deviceColumn.width
                        spacing: 4
                        RadioButton {
                            Layout.alignment: Qt.AlignTop
                            ButtonGroup.group: deviceGroup
                            enabled: deviceRow.available
                            checked: AppSettings.backend === deviceRow.backend
                            onClicked: AppSettings.backend = deviceRow.backend
                            Accessible.name: deviceRow.label
                        }
                        ColumnLayout {
                            Layout.fillWidth: true
                            Layout.topMargin: 6
                            spacing: 1
                            Label {
                                Layout.fillWidth: true
                                textFormat: Text.PlainText
                                text: deviceRow.label
                                color: deviceRow.available ? Theme.text : Theme.mutedText
                                elide: Text.ElideRight
                            }
                            Label {
                                objectName: "deviceDetail"  // the test hook's "device detail:" line (the first row's)
                                Layout.fillWidth: true
                                textFormat: Text.PlainText
                                text: deviceRow.detail
                                visible: text.length > 0
                                // A backend this build lacks is no fault here: neutral, as a note (red read as one).
                                color: deviceRow.available || deviceRow.notBuilt ? Theme.mutedText : Theme.danger
                                font.pixelSize: Theme.smallFontSize
                                wrapMode: Text.WordWrap
                            }
                        }
                    }
                }
            }
            Hint {
                visible: Devices.listed && Devices.indexOf(AppSettings.backend) < 0
                color: Theme.danger
                text: qsTr("The saved device “%1” is not present now; models load on the CPU until it is back or you choose another.").arg(AppSettings.backend)
            }
            Hint { text: qsTr("In use now: %1").arg(Chat.modelStatus) }
            GridLayout {
                Layout.fillWidth: true
                columns: 2
                columnSpacing: Theme.spacing
                FieldLabel { text: qsTr("CPU threads") }
                RowLayout {
                    SpinBox {
                        id: threadsBox
                        from: 0
                        to: AppSettings.maxThreads
                        value: AppSettings.threads
                        editable: true
                        // "+" (or Up) on Automatic steps from the count Automatic stands for with the loaded model:
                        // it went to 1, fewer threads than Automatic's all (session 33's check). Nothing more than
                        // all threads: Automatic stays. A 1 typed is taken as it is (valueFromText notes it).
                        readonly property int automaticCount: Chat.automaticThreads > 0 ? Chat.automaticThreads
                                                                                         : AppSettings.maxThreads
                        property int typedValue: -1
                        onValueModified: {
                            const stepped = AppSettings.threads === 0 && value === 1 && typedValue !== 1
                            typedValue = -1
                            if (stepped && automaticCount + 1 > to) {
                                value = Qt.binding(() => AppSettings.threads)
                                return
                            }
                            AppSettings.threads = stepped ? automaticCount + 1 : value
                            value = Qt.binding(() => AppSettings.threads)
                        }
                        objectName: "threadsBox"  // the test hook's "threads box:" line
                        // qsTr runs in the binding itself, not only inside the function it makes: a new language makes
                        // a new function, and the box reads "自动" at once, not after a restart (session 22's trial, F6).
                        textFromValue: {
                            const automatic = qsTr("Automatic")
                            return (value, locale) => value === 0 ? automatic : Number(value).toLocaleString(locale, 'f', 0)
                        }
                        // Qt 6.4's SpinBox makes its displayText again only when the value changes, not for a new
                        // textFromValue: a step away and back (valueModified, which saves, is only for the user's own
                        // changes), then the binding to the setting again.
                        onTextFromValueChanged: {
                            const shown = value
                            value = shown < to ? shown + 1 : shown - 1
                            value = Qt.binding(() => AppSettings.threads)
                        }
                        valueFromText: (text, locale) => {
                            threadsBox.typedValue = text === qsTr("Automatic") ? 0 : Number.fromLocaleString(locale, text)
                            return threadsBox.typedValue
                        }
                        Layout.preferredWidth: Theme.px(160)
                        // Basic's field with its focus ring shown only while the field itself has the keys: Basic shows
                        // it while the box has them, so − or + focused (their own outline, below) drew two rings
                        // (session 34's check).
                        contentItem: TextInput {
                            z: 2
                            text: threadsBox.displayText
                            font: threadsBox.font
                            color: threadsBox.palette.text
                            selectionColor: threadsBox.palette.highlight
                            selectedTextColor: threadsBox.palette.highlightedText
                            horizontalAlignment: Qt.AlignHCenter
                            verticalAlignment: Qt.AlignVCenter
                            readOnly: !threadsBox.editable
                            validator: threadsBox.validator
                            inputMethodHints: threadsBox.inputMethodHints
                            Rectangle {  // between − and +, the box's height
                                x: -threadsBox.leftPadding + threadsBox.down.indicator.width - 1
                                y: -threadsBox.topPadding
                                width: threadsBox.width - threadsBox.down.indicator.width - threadsBox.up.indicator.width + 2
                                height: threadsBox.height
                                visible: parent.activeFocus
                                color: "transparent"
                                border.color: threadsBox.palette.highlight
                                border.width: 2
                            }
                        }
                        // − and + in the Tab order, Space or Return steps (session 34's trial: only Up/Down in the
                        // field reached them). Basic's indicators, drawn again with a focus outline.
                        down.indicator: StepButton { step: -1; objectName: "threadsFewer"; Accessible.name: qsTr("Fewer CPU threads") }
                        up.indicator: StepButton { step: 1; objectName: "threadsMore"; Accessible.name: qsTr("More CPU threads") }
                        // Tab follows the order of the box's children, made + − field: + made last gives − field +.
                        Component.onCompleted: {
                            const more = up.indicator
                            more.parent = null
                            more.parent = threadsBox
                        }
                        component StepButton: Rectangle {
                            required property int step
                            readonly property bool pressed: step > 0 ? threadsBox.up.pressed : threadsBox.down.pressed
                            x: (step > 0) !== threadsBox.mirrored ? threadsBox.width - width : 0
                            height: threadsBox.height
                            implicitWidth: Theme.px(40)
                            implicitHeight: Theme.px(40)
                            activeFocusOnTab: true
                            color: pressed ? threadsBox.palette.mid : threadsBox.palette.button
                            border.width: activeFocus ? 2 : 0
                            border.color: Theme.accent
                            Accessible.role: Accessible.Button
                            Accessible.onPressAction: stepOnce()
                            Keys.onSpacePressed: stepOnce()
                            Keys.onReturnPressed: stepOnce()
                            Keys.onEnterPressed: stepOnce()
                            function stepOnce() {
                                if (step > 0) threadsBox.increase()
                                else threadsBox.decrease()
                                threadsBox.valueModified()  // saves, as a click does
                            }
                            Rectangle {  // −, and with the next one +
                                anchors.centerIn: parent
                                width: parent.width / 3
                                height: 2
                                color: parent.enabled ? threadsBox.palette.buttonText : threadsBox.palette.mid
                            }
                            Rectangle {
                                anchors.centerIn: parent
                                visible: parent.step > 0
                                width: 2
                                height: parent.width / 3
                                color: parent.enabled ? threadsBox.palette.buttonText : threadsBox.palette.mid
                            }
                        }
                    }
                    Hint {
                        Layout.alignment: Qt.AlignVCenter
                        text: qsTr("Automatic uses all %1 hardware threads, or one for a very small model.").arg(AppSettings.maxThreads)
                    }
                }

                // fp16 or int8 weights (LoadOptions::weight_dtype): int8 lets a 7B model fit a 12 GB GPU.
                FieldLabel { text: qsTr("Weights in memory"); Layout.alignment: Qt.AlignTop; Layout.topMargin: 8 }
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 0
                    ButtonGroup { id: weightGroup }
                    Repeater {
                        model: [
                            { id: "fp16", label: qsTr("fp16 — exact, more memory") },
                            { id: "int8", label: qsTr("int8 — about half the memory, slightly less exact") }
                        ]
                        RadioButton {
                            required property var modelData
                            objectName: "weights_" + modelData.id
                            ButtonGroup.group: weightGroup
                            text: modelData.label
                            checked: AppSettings.weightType === modelData.id
                            onClicked: AppSettings.weightType = modelData.id
                        }
                    }
                    Hint {
                        Layout.fillWidth: true
                        text: qsTr("int8 lets a larger model fit in memory, the GPU's or the computer's RAM (a 7B model in about 8 GB instead of 15 GB); its replies differ slightly. Changing it reloads the current model.")
                    }
                }
            }

            // A choice made during a reply or a load waits for it (session 27's trial, F3). Under the rows: above
            // them it pushed the weights' options down as it appeared, and a second click landed on the other one
            // (session 37's trial).
            Hint {
                objectName: "loadOptionsWaiting"
                visible: Chat.loadOptionsWaiting
                color: Theme.accent
                text: Chat.composerState === Chat.LoadingModel
                      ? qsTr("The device, CPU threads and weights chosen apply once the model now loading is ready: it then loads again.")
                      : qsTr("The device, CPU threads and weights chosen apply when the reply under way ends or is stopped: the model then loads again.")
            }

            // --- chat ---
            SectionTitle { text: qsTr("Replies") }
            GridLayout {
                Layout.fillWidth: true
                columns: 2
                columnSpacing: Theme.spacing
                FieldLabel { text: qsTr("Sampling preset") }
                ColumnLayout {
                    Layout.fillWidth: true
                    ComboBox {
                        objectName: "presetBox"  // the test hook's "preset box:" line
                        Layout.preferredWidth: Theme.px(260)
                        palette.highlightedText: Theme.text  // the open list's highlighted row is on palette.light: not white
                        popup.background: Rectangle { color: Theme.window; border.color: Theme.border; radius: 4 }  // as above
                        model: AppSettings.samplingPresetIds.map(id => SamplingPresetTexts.name(id))
                        currentIndex: chosenIndex()
                        // The names are translated, so a new language makes the model again and ComboBox goes back to
                        // its first row: the box read "Chat" over Creative's description (session 36's trial, F2). As
                        // the language box above: the binding is made again after each new model.
                        onModelChanged: currentIndex = Qt.binding(chosenIndex)
                        onActivated: (index) => AppSettings.samplingPreset = AppSettings.samplingPresetIds[index]
                        function chosenIndex() { return AppSettings.samplingPresetIds.indexOf(AppSettings.samplingPreset) }
                    }
                    Hint {
                        text: SamplingPresetTexts.description(AppSettings.samplingPreset) + "\n"
                              + qsTr("A conversation can choose its own preset next to Send; this one is used by the others.")
                    }
                }
                FieldLabel { text: qsTr("Instructions for new chats") }
                ColumnLayout {
                    Layout.fillWidth: true
                    InstructionsField {
                        id: newChatInstructionsField
                        fieldName: "newChatInstructionsField"
                        Layout.fillWidth: true
                        fieldHeight: Theme.px(90)
                        placeholderText: qsTr("None")
                        text: AppSettings.newChatInstructions
                        // Saved as typed (blanks only: none) while it fits the limit (InstructionsField.qml); the
                        // binding above stays while the text is the same.
                        onTextChanged: if (fits && text !== AppSettings.newChatInstructions) AppSettings.newChatInstructions = text
                    }
                    Hint {
                        text: qsTr("A new chat starts with these (the model reads them before the chat). Each chat keeps its own: change them in its ⋯ menu (Instructions…).")
                    }
                }
            }

            // --- the "custom" sampling preset's values (CustomSamplingSettings.qml) ---
            SectionTitle { text: qsTr("Custom sampling") }
            CustomSamplingSettings {}

            // --- the local API server (ApiServer, docs/api.md) ---
            SectionTitle { text: qsTr("Local API server") }
            GridLayout {
                Layout.fillWidth: true
                columns: 2
                columnSpacing: Theme.spacing
                FieldLabel { text: qsTr("OpenAI-compatible API") }
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 2
                    RowLayout {
                        CheckBox {
                            id: apiServerBox
                            objectName: "apiServerBox"
                            text: qsTr("Serve on port")
                            // On while it serves or tries to, also when --api-port started it this run only (session
                            // 48's trial: "Serving…" beside an unchecked box, and a taken port not said at all).
                            readonly property bool serverOn: AppSettings.apiServer || ApiServer.listening
                                                             || ApiServer.failure !== ""
                            checked: serverOn
                            onToggled: {
                                if (checked) AppSettings.apiServer = true
                                else if (AppSettings.apiServer) AppSettings.apiServer = false
                                else ApiServer.stop()  // --api-port's server: this run only, as it started
                                checked = Qt.binding(() => serverOn)
                            }
                        }
                        SpinBox {
                            id: apiPortBox
                            objectName: "apiPortBox"
                            from: 1024  // the server's range (AppSettings::kLowestApiPort): it went from 1
                            to: 65535
                            editable: true
                            // The port tried: --api-port's while it runs this time only, else the saved one.
                            readonly property int shownPort: apiServerBox.serverOn && !AppSettings.apiServer
                                                             ? ApiServer.port : AppSettings.apiPort
                            value: shownPort
                            textFromValue: (value, locale) => String(value)  // a port: no thousands separator
                            valueFromText: (text, locale) => parseInt(text)
                            onValueModified: {
                                // A port chosen beside --api-port's server: Settings take over, on, at that port.
                                const takeOver = apiServerBox.serverOn && !AppSettings.apiServer
                                AppSettings.apiPort = value
                                if (takeOver) AppSettings.apiServer = true
                                value = Qt.binding(() => shownPort)
                            }
                        }
                        // The range said, as the sampling fields say theirs: rwkv-cli serve and --api-port say it too
                        Hint { text: qsTr("ports %1 to %2").arg(apiPortBox.from).arg(apiPortBox.to) }
                    }
                    // A Column, not the layout: a layout sized these wrapped lines by their unwrapped width and kept the
                    // first one line high while it drew two, the second drawn over it (session 49: Japanese; English
                    // on some runs). A positioner stacks them by the heights they have at the width they were given.
                    Column {
                        Layout.fillWidth: true
                        Layout.preferredWidth: 0
                        spacing: 2
                        Hint {
                            width: parent.width
                            objectName: "apiServerStatus"  // serving, or why not (the port in use), in the window's language
                            color: ApiServer.failure === "" ? Theme.mutedText : Theme.danger
                            text: ApiServer.listening
                                  ? qsTr("Serving the OpenAI-compatible API at %1").arg("http://127.0.0.1:" + ApiServer.port + "/v1")
                                  : ApiServer.failure === ""
                                  ? qsTr("Off. When it is on, programs on this computer can use the loaded model at %1").arg("http://127.0.0.1:" + AppSettings.apiPort + "/v1")
                                  : ApiServer.failureText  // the start's banner says the same words (ApiServer::failureText)
                        }
                        Hint {
                            width: parent.width
                            text: qsTr("Only programs on this computer can connect (127.0.0.1), without a password. Requests take turns with this window's replies, one at a time.")
                        }
                    }
                }
            }

            // --- folders ---
            SectionTitle { text: qsTr("Folders") }
            GridLayout {
                Layout.fillWidth: true
                columns: 3
                columnSpacing: Theme.spacing
                rowSpacing: 6

                FieldLabel { text: qsTr("Conversations") }
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 2
                    Label {
                        Layout.fillWidth: true
                        Layout.topMargin: 8
                        textFormat: Text.PlainText
                        text: AppSettings.dataDir.length > 0 ? AppSettings.dataDir : AppSettings.activeDataDir
                        color: Theme.text
                        elide: Text.ElideMiddle
                    }
                    Hint {
                        objectName: "dataFolderInUse"  // the test hook's "settings: data folder in use:" line
                        visible: AppSettings.dataDir.length > 0 && AppSettings.dataDir !== AppSettings.activeDataDir
                        // The path isolated (U+2068 … U+2069): a U+202E in a folder's name turned the sentence around.
                        text: qsTr("Used from the next start. Now in use: %1").arg(Library.isolated(AppSettings.activeDataDir))
                    }
                    // What the chats' saved model states take (read when Settings opens: Library.refreshStateStorage)
                    // and the button that thins them to each chat's newest (docs/conversations.md "Freeing the space").
                    // The chats in the trash counted apart: "in 10 chats" beside 9 listed (session 49).
                    Hint {
                        objectName: "stateStorage"
                        Layout.topMargin: 4
                        visible: Library.stateStorageKnown
                        text: Library.stateChats + Library.stateChatsInTrash === 0
                              ? qsTr("Saved model states: none (database %1)").arg(Library.bytesText(Library.databaseBytes))
                              : Library.stateChatsInTrash === 0
                              ? qsTr("Saved model states: %1 in %n chat(s) (database %2)", "", Library.stateChats)
                                    .arg(Library.bytesText(Library.stateBytes)).arg(Library.bytesText(Library.databaseBytes))
                              : Library.stateChats === 0
                              ? qsTr("Saved model states: %1, all in %n chat(s) in the trash (database %2)", "",
                                     Library.stateChatsInTrash)
                                    .arg(Library.bytesText(Library.stateBytes)).arg(Library.bytesText(Library.databaseBytes))
                              : qsTr("Saved model states: %1 in %n chat(s), %2 (database %3)",
                                     "%2 is “%n more in the trash”", Library.stateChats)
                                    .arg(Library.bytesText(Library.stateBytes))
                                    .arg(qsTr("%n more in the trash", "chats holding saved states", Library.stateChatsInTrash))
                                    .arg(Library.bytesText(Library.databaseBytes))
                    }
                    Button {
                        objectName: "freeStateSpace"
                        text: qsTr("Free space used by saved states")
                        visible: !Chat.libraryReadOnly
                        // Not while a reply is written: its state is saved at its end (the note below says so).
                        enabled: Library.stateChats + Library.stateChatsInTrash > 0 && !Library.freeingStates
                                 && Chat.writingConversationId === 0
                        onClicked: freeStatesQuestion.open()
                    }
                    Hint {
                        objectName: "freeStateSpaceNote"
                        visible: text.length > 0
                        color: Library.notShrunk === "" ? Theme.mutedText : Theme.danger
                        text: page.freeStateSpaceNote()
                    }
                }
                RowLayout {
                    Layout.alignment: Qt.AlignTop  // beside the folder's path, not the saved states' lines below it
                    Button {
                        objectName: "dataFolderChange"
                        text: qsTr("Change…")
                        onClicked: {  // in the folder shown, not the one the app was started in (session 30's check, F5)
                            dataFolderDialog.currentFolder = DialogRows.folderToShow(
                                AppSettings.dataDir.length > 0 ? AppSettings.dataDir : AppSettings.activeDataDir)
                            dataFolderDialog.open()
                        }
                    }
                    Button {
                        text: qsTr("Default")
                        visible: AppSettings.dataDir.length > 0
                        onClicked: AppSettings.dataDir = ""
                    }
                }

                FieldLabel { text: qsTr("Models") }
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 2
                    Label {
                        Layout.fillWidth: true
                        Layout.topMargin: 8
                        textFormat: Text.PlainText
                        text: ModelManager.modelsDir
                        color: Theme.text
                        elide: Text.ElideMiddle
                    }
                    Hint {  // a folder that cannot be written: where downloads go instead
                        visible: text.length > 0
                        text: ModelManager.modelsDirNote
                    }
                }
                Button {
                    objectName: "modelsFolderChange"
                    text: qsTr("Change…")
                    onClicked: {  // in the folder shown (F5)
                        modelsFolderDialog.currentFolder = DialogRows.folderToShow(ModelManager.modelsDir)
                        modelsFolderDialog.open()
                    }
                }
            }
            Hint {
                objectName: "settingsFileNote"  // the test hook's "settings: file:" line
                Layout.topMargin: Theme.spacing
                Layout.bottomMargin: Theme.spacing * 2
                // A change the file could not take holds until the app quits (AppSettings.saveProblem): said here,
                // where the page says where they are saved (session 56's trial: a full disk lost a theme silently).
                color: AppSettings.saveProblem === "" ? Theme.mutedText : Theme.danger
                text: (AppSettings.saveProblem === "" ? qsTr("Settings are saved at once in %1.")
                       : AppSettings.saveProblem === "full"
                       ? qsTr("Settings could not be saved in %1: its disk is full. Your changes hold until RWKV Desktop quits.")
                       : qsTr("Settings could not be saved in %1: it cannot be written. Your changes hold until RWKV Desktop quits."))
                      .arg(Library.isolated(AppSettings.fileName))
            }
        }
    }
}
