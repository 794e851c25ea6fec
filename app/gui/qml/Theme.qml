// Theme.qml — colours, sizes and fonts shared by every view (one place to restyle the app).
// Text size: AppSettings.textSize (percent, Settings → Text size, Ctrl+= / Ctrl+- / Ctrl+0) scales every font size here
// and, through px(), the fixed heights and boxes sized around one line of text (rows, buttons, avatars).
// Light or dark: the user's choice in Settings (AppSettings.theme: "system", "light", "dark"); "system" follows
// the desktop's colour scheme as read from its palette (SystemTheme.dark; Qt 6.4 has no colorScheme()).
pragma Singleton
import QtQuick
import RwkvDesktop.Core

QtObject {
    readonly property bool dark: AppSettings.theme === "dark"
                                 || (AppSettings.theme !== "light" && SystemTheme.dark)

    readonly property color window: dark ? "#1b1d22" : "#ffffff"
    readonly property color sidebar: dark ? "#22252b" : "#f5f6f8"
    readonly property color sidebarHover: dark ? "#2d3139" : "#eaecf0"
    readonly property color sidebarSelected: dark ? "#2f3a5c" : "#e1e7fb"
    readonly property color border: dark ? "#363a43" : "#e3e5e9"
    readonly property color text: dark ? "#e6e8ec" : "#1d2129"
    readonly property color mutedText: dark ? "#9aa1ad" : "#6b7280"
    readonly property color accent: dark ? "#5c7cfa" : "#4263eb"
    readonly property color accentHover: dark ? "#4c6ef5" : "#3451c7"
    readonly property color accentText: "#ffffff"
    readonly property color userBubble: dark ? "#3b5bdb" : "#4263eb"
    readonly property color userText: "#ffffff"
    readonly property color assistantBubble: dark ? "#262a31" : "#f3f4f6"
    readonly property color danger: dark ? "#ff8787" : "#c92a2a"
    readonly property color dangerBackground: dark ? "#3a2225" : "#fff0f0"
    readonly property color stopButton: "#e03131"
    // Code blocks and the reasoning box inside an assistant bubble.
    readonly property color codeBackground: dark ? "#15171b" : "#ffffff"
    readonly property color codeHeader: dark ? "#2b2f37" : "#e9ebef"
    readonly property color quoteBar: dark ? "#555c69" : "#c3c8d1"  // the bar at a quote's left (MarkdownSegment)
    readonly property color thinkBackground: dark ? "#20242b" : "#eceef2"
    readonly property color link: dark ? "#8ea6ff" : "#3451c7"
    // Controls (Basic style) take these through the window's palette.
    readonly property color control: dark ? "#2d3139" : "#e9ebef"
    readonly property color controlText: text
    readonly property color inputBackground: dark ? "#23262c" : "#ffffff"

    readonly property int radius: 10
    readonly property int spacing: 12
    // Wider for larger text, less than the text grows (323 px at 150 %): the window's room stays the chat's.
    readonly property int sidebarWidth: Math.round(264 * Math.sqrt(textScale))
    readonly property int contentMaxWidth: 820
    /// The text size as a factor: 1 at 100 %, and where no AppSettings is registered (a test's QML engine): before,
    /// NaN made every font Qt's default there (test_markdown_lists::segmentDrawsQuoteBars read 28 px for two lines).
    readonly property real textScale: typeof AppSettings !== "undefined" && AppSettings.textSize > 0
                                      ? AppSettings.textSize / 100 : 1
    readonly property int fontSize: px(14)
    readonly property int smallFontSize: px(12)
    readonly property int titleFontSize: px(16)
    readonly property int headingFontSize: px(22)  // the empty chat's "How can I help?"
    readonly property string monoFamily: "monospace"  // fontconfig's monospace face (DejaVu Sans Mono on Debian)
    /// The families of the interface language's fonts (Languages.fontFamilies, .monoFamilies; han_fonts.h): the CJK face
    /// that draws Han characters as the language writes them (Noto Sans CJK JP in 日本語 on any system: 直, 骨, 誤 differ
    /// from the Chinese forms), then the system's face; the system's choice in English. Read by font() and monoFont(),
    /// so that a language switch reaches every binding that made a font with them.
    readonly property var fontFamilies: typeof Languages !== "undefined" ? Languages.fontFamilies : []
    readonly property var monoFamilies: typeof Languages !== "undefined" ? Languages.monoFamilies : []

    /// A font of Qt.font's keys (`spec`: pixelSize, italic, weight) in fontFamilies, for an item that sets its own font:
    /// a Text, TextEdit or FontMetrics (they do not take the window's font) and the window. Qt 6.4's QML font has no
    /// `families`, and an item whose whole font is bound takes no `font.pixelSize` beside it: all of it goes in `spec`.
    /// Controls without a font of their own take the window's, families included.
    function font(spec) { return withFamilies(Qt.font(spec), fontFamilies) }
    /// The same in monoFamilies: code and pasted text ("monospace", then the language's Noto Sans Mono CJK face).
    function monoFont(spec) { return withFamilies(Qt.font(Object.assign({ family: monoFamily }, spec)), monoFamilies) }
    function withFamilies(font, families) {
        return families.length > 0 ? Languages.withFamilies(font, families) : font
    }

    /// `size` pixels at 100 % text, scaled with the text and rounded to whole pixels: a height or box that holds a line
    /// of text, so that larger text is not clipped.
    function px(size) { return Math.round(size * textScale) }
    /// The window's narrowest width (Main.qml's minimumWidth): 640 px at 100 % and below, scaled with the text above it
    /// (960 px at 150 %), so that the narrowest window holds the same text at any size.
    readonly property int minimumWindowWidth: Math.max(640, px(640))
    /// The width of a dialog's field or text (Rename, Instructions): `size` pixels at 100 %, scaled as px(), but within
    /// the narrowest window (minimumWindowWidth, less 96 for the dialog's padding and a margin). Never below `size`.
    /// The questions take QuestionDialog's width, which follows the window's width as well.
    function dialogWidth(size) { return Math.max(size, Math.min(px(size), minimumWindowWidth - 96)) }

    // Makes a popup's content follow a theme switched while the app runs. Qt 6.4 gives a Drawer, Dialog or Menu the
    // window's new palette but not the items inside it (content, header, footer): they kept the old colours until the
    // popup was made again (session 31's trial: Settings unreadable after Theme → Dark). Each popup calls this once.
    function followPalette(popup) {
        for (const part of [popup.contentItem, popup.header, popup.footer])
            if (part) part.palette = Qt.binding(() => popup.palette)
    }
}
