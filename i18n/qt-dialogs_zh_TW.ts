<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Strings of Qt 6.4's own QML file dialog (QtQuick/Dialogs/quickimpl/qml/FileDialog.qml, context "FileDialog")
     that Debian 12's qtdeclarative_zh_TW.qm lacks. Not from our sources: lupdate must never run on this file
     (app/gui/CMakeLists.txt builds it with lrelease only). -->
<TS version="2.1" language="zh_TW">
<context>
    <name>FileDialog</name>
    <message>
        <source>File name</source>
        <translation>檔案名稱</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>檔案類型</translation>
    </message>
</context>
</TS>
