// SamplingPresetTexts.qml — what the sampling presets (app/core/sampling_presets.h) are called and what they do, for
// Settings (the app default) and the chat's PresetChooser (a conversation's own preset).
pragma Singleton
import QtQuick
import RwkvDesktop.Core

QtObject {
    readonly property var names: ({
        "chat": qsTr("Chat"),
        "precise": qsTr("Precise"),
        "creative": qsTr("Creative"),
        "custom": qsTr("Custom")
    })
    readonly property var descriptions: ({
        "chat": qsTr("The official RWKV chat settings (temperature 1.0, top-p 0.3)"),
        "precise": qsTr("Sticks to the most likely words; good for questions and facts (top-p 0.1)"),
        "creative": qsTr("More varied wording for stories and ideas (temperature 1.2, top-p 0.6)")
    })

    function name(id) { return names[id] || id }
    // "custom": the values set in Settings → Custom sampling, as they are now.
    function description(id) {
        if (id !== "custom") return descriptions[id] || ""
        const v = AppSettings.customSamplingValues
        return qsTr("Your values from Settings: temperature %1, top-p %2, presence penalty %3, frequency penalty %4, penalty decay %5, replies up to %6 tokens")
            .arg(Number(v.temperature).toFixed(2)).arg(Number(v.topP).toFixed(2))
            .arg(Number(v.presencePenalty).toFixed(2)).arg(Number(v.frequencyPenalty).toFixed(2))
            .arg(Number(v.penaltyDecay).toFixed(3)).arg(v.maxTokens)
    }
}
