<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Strings of Qt 6.4's own QML file dialog (QtQuick/Dialogs/quickimpl/qml/FileDialog.qml, context "FileDialog")
     that Debian 12's qtdeclarative_ja.qm lacks. Not from our sources: lupdate must never run on this file
     (app/gui/CMakeLists.txt builds it with lrelease only). -->
<TS version="2.1" language="ja_JP">
<context>
    <name>FileDialog</name>
    <message>
        <source>File name</source>
        <translation>ファイル名</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>ファイルの種類</translation>
    </message>
</context>
</TS>
