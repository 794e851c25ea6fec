<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>AboutDialog</name>
    <message>
        <source>RWKV Desktop</source>
        <translation>RWKV Desktop</translation>
    </message>
    <message>
        <source>Chat with RWKV-7 models on your own computer</source>
        <translation>自分のコンピューターで RWKV-7 モデルとチャット</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>バージョン</translation>
    </message>
    <message>
        <source>Engine backends</source>
        <translation>推論バックエンド</translation>
    </message>
    <message>
        <source>%1 (built with %2)</source>
        <translation>%1（%2 でビルド）</translation>
    </message>
    <message>
        <source>Bundled data</source>
        <translation>同梱データ</translation>
    </message>
    <message>
        <source>World vocabulary</source>
        <translation>World 語彙</translation>
    </message>
    <message>
        <source>rwkv_vocab_v20230424.txt, from the RWKV-LM project — Apache-2.0</source>
        <translation>rwkv_vocab_v20230424.txt、RWKV-LM プロジェクトより — Apache-2.0</translation>
    </message>
    <message>
        <source>Demo model</source>
        <translation>デモモデル</translation>
    </message>
    <message>
        <source>tiny-rwkv7-834K.pth, from rwkv.cpp&apos;s test suite — Apache-2.0</source>
        <translation>tiny-rwkv7-834K.pth、rwkv.cpp のテストスイートより — Apache-2.0</translation>
    </message>
    <message>
        <source>Model catalog</source>
        <translation>モデルカタログ</translation>
    </message>
    <message>
        <source>models.json: links to the official RWKV-7 releases; each model keeps its own license (Apache-2.0 for the official ones)</source>
        <translation>models.json：RWKV-7 公式リリースへのリンク。各モデルはそれぞれのライセンスに従います（公式モデルは Apache-2.0）</translation>
    </message>
    <message>
        <source>Libraries</source>
        <translation>ライブラリ</translation>
    </message>
    <message>
        <source>Qt 6 (LGPL-3.0), SQLite (public domain), Zstandard (BSD-3-Clause), nlohmann/json (MIT), xxHash (BSD-2-Clause), and the Vulkan loader (Apache-2.0) when the Vulkan backend is built.</source>
        <translation>Qt 6（LGPL-3.0）、SQLite（パブリックドメイン）、Zstandard（BSD-3-Clause）、nlohmann/json（MIT）、xxHash（BSD-2-Clause）、および Vulkan バックエンドをビルドした場合は Vulkan ローダー（Apache-2.0）。</translation>
    </message>
</context>
<context>
    <name>BranchSwitcher</name>
    <message>
        <source>Previous version</source>
        <translation>前のバージョン</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>次のバージョン</translation>
    </message>
</context>
<context>
    <name>CodeBlock</name>
    <message>
        <source>code</source>
        <translation>コード</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>コピーしました</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Copy this code to the clipboard</source>
        <translation>このコードをクリップボードにコピー</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Choose a model to start chatting</source>
        <translation>チャットを始めるにはモデルを選択してください</translation>
    </message>
    <message>
        <source>Message RWKV…  (Enter to send, Shift+Enter for a new line)</source>
        <translation>RWKV へのメッセージ…（Enter で送信、Shift+Enter で改行）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>送信</translation>
    </message>
    <message>
        <source>Stop the reply (the text so far is kept)</source>
        <translation>応答を停止（ここまでのテキストは残ります）</translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation>送信（Enter）</translation>
    </message>
    <message>
        <source>Read-only library: new messages cannot be saved</source>
        <translation>読み取り専用のライブラリ：新しいメッセージは保存できません</translation>
    </message>
    <message>
        <source>Loading the model… (you can type: Enter sends once it has loaded)</source>
        <translation>モデルを読み込み中…（入力できます。読み込みが終わると Enter で送信します）</translation>
    </message>
    <message>
        <source>Send once the model has loaded (Enter)</source>
        <translation>モデルの読み込み後に送信（Enter）</translation>
    </message>
    <message>
        <source>Message RWKV…</source>
        <translation>RWKV へのメッセージ…</translation>
    </message>
    <message>
        <source>A reply is being written in “%1”: send once it has ended</source>
        <translation>「%1」で応答を書いています。終わってから送信してください</translation>
    </message>
</context>
<context>
    <name>ConversationDelegate</name>
    <message>
        <source>Rename…</source>
        <translation>名前を変更…</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>固定を解除</translation>
    </message>
    <message>
        <source>Pin to top</source>
        <translation>上部に固定</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>エクスポート…</translation>
    </message>
    <message>
        <source>Writing a reply…</source>
        <translation>応答を書いています…</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 に開きました</translation>
    </message>
    <message>
        <source>Instructions…</source>
        <translation>指示…</translation>
    </message>
    <message>
        <source>Starting state…</source>
        <translation>開始状態…</translation>
    </message>
    <message>
        <source>Rename or delete the folder</source>
        <translation>フォルダーの名前変更または削除</translation>
    </message>
    <message>
        <source>Rename, instructions, export, starting state, pin, folder or delete</source>
        <translation>名前の変更、指示、エクスポート、開始状態、固定、フォルダー、削除</translation>
    </message>
    <message>
        <source>Move to folder</source>
        <translation>フォルダーへ移動</translation>
    </message>
    <message>
        <source>New folder…</source>
        <translation>新しいフォルダー…</translation>
    </message>
    <message>
        <source>Remove from folder</source>
        <translation>フォルダーから出す</translation>
    </message>
    <message>
        <source>Delete folder…</source>
        <translation>フォルダーを削除…</translation>
    </message>
    <message>
        <source>Waiting for the Local API…</source>
        <translation>ローカル API を待っています…</translation>
    </message>
</context>
<context>
    <name>ConversationDialogs</name>
    <message>
        <source>Delete “%1” and all its messages? This cannot be undone.</source>
        <translation>「%1」とそのすべてのメッセージを削除しますか？この操作は元に戻せません。</translation>
    </message>
    <message>
        <source>Rename conversation</source>
        <translation>会話の名前を変更</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>タイトル</translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation>会話を削除</translation>
    </message>
    <message>
        <source>A title keeps its first %1 characters.</source>
        <translation>タイトルは最初の %1 文字までです。</translation>
    </message>
    <message>
        <source>A conversation needs a title.</source>
        <translation>会話にはタイトルが必要です。</translation>
    </message>
    <message>
        <source>Instructions for “%1”</source>
        <translation>「%1」の指示</translation>
    </message>
    <message>
        <source>The model reads these before the chat, as its first turn: a role, a tone, what to keep to.</source>
        <translation>モデルはチャットの前に、最初のターンとしてこれを読みます：役割、口調、守るべきこと。</translation>
    </message>
    <message>
        <source>For example: You are a patient tutor. Answer briefly.</source>
        <translation>例：あなたは辛抱強い家庭教師です。簡潔に答えてください。</translation>
    </message>
    <message>
        <source>Blank lines are read as single line breaks. A chat that has messages reads them again from the start with new instructions at its next reply.</source>
        <translation>空行は 1 つの改行として読まれます。メッセージのあるチャットは、新しい指示で次の応答のときに最初から読み直します。</translation>
    </message>
    <message>
        <source>Instructions for this new chat</source>
        <translation>この新しいチャットの指示</translation>
    </message>
    <message>
        <source>New folder</source>
        <translation>新しいフォルダー</translation>
    </message>
    <message>
        <source>Rename folder</source>
        <translation>フォルダーの名前を変更</translation>
    </message>
    <message>
        <source>Folder name, e.g. Work</source>
        <translation>フォルダー名（例：仕事）</translation>
    </message>
    <message>
        <source>Delete folder</source>
        <translation>フォルダーを削除</translation>
    </message>
</context>
<context>
    <name>ConversationSidebar</name>
    <message>
        <source>RWKV Desktop</source>
        <translation>RWKV Desktop</translation>
    </message>
    <message>
        <source>+  New chat</source>
        <translation>+  新しいチャット</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>会話</translation>
    </message>
    <message>
        <source>No conversations yet.
Say hello to start one.</source>
        <translation>まだ会話はありません。
あいさつして始めましょう。</translation>
    </message>
    <message numerus="yes">
        <source>No conversations.
%n chat(s) in the trash.
Say hello to start a new one.</source>
        <translation>
            <numerusform>会話はありません。
ゴミ箱に %n 件あります。
あいさつして始めましょう。</numerusform>
        </translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>インポート…</translation>
    </message>
    <message>
        <source>Add a conversation from a .rwkvchat bundle or a JSON export</source>
        <translation>.rwkvchat バンドルまたは JSON エクスポートから会話を追加</translation>
    </message>
    <message>
        <source>Importing a conversation…</source>
        <translation>会話をインポート中…</translation>
    </message>
</context>
<context>
    <name>CustomSamplingSettings</name>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation>Top-p（核サンプリング）</translation>
    </message>
    <message>
        <source>Presence penalty</source>
        <translation>存在ペナルティ</translation>
    </message>
    <message>
        <source>Frequency penalty</source>
        <translation>頻度ペナルティ</translation>
    </message>
    <message>
        <source>Penalty decay</source>
        <translation>ペナルティ減衰</translation>
    </message>
    <message>
        <source>Longest reply (tokens)</source>
        <translation>応答の最大長（token）</translation>
    </message>
    <message>
        <source>Higher: more varied words; 0: always the likeliest</source>
        <translation>高いほど言葉が多様に。0：常に最も確率の高い語</translation>
    </message>
    <message>
        <source>Only the likeliest words that add up to this share; 0: always the likeliest</source>
        <translation>確率の合計がこの割合になるまでの語だけから選ぶ。0：常に最も確率の高い語</translation>
    </message>
    <message>
        <source>Lowers a word once it has been used</source>
        <translation>一度使った語を選ばれにくくする</translation>
    </message>
    <message>
        <source>Lowers a word more each time it is used</source>
        <translation>語を使うたびに選ばれにくくする</translation>
    </message>
    <message>
        <source>How long the penalties remember a word (1: for the whole reply)</source>
        <translation>ペナルティが語を覚えている長さ（1：応答全体）</translation>
    </message>
    <message>
        <source>The reply stops at this length</source>
        <translation>応答はこの長さで止まる</translation>
    </message>
    <message>
        <source>%1 must be a whole number from %2 to %3.</source>
        <translation>%1 は %2 から %3 までの整数にしてください。</translation>
    </message>
    <message>
        <source>%1 must be a number from %2 to %3.</source>
        <translation>%1 は %2 から %3 までの数にしてください。</translation>
    </message>
    <message>
        <source>Reset to the chat preset&apos;s values</source>
        <translation>「チャット」プリセットの値に戻す</translation>
    </message>
    <message>
        <source>Used by the chats on the Custom preset (chosen next to Send, or as the default above) from their next reply.</source>
        <translation>「カスタム」プリセットのチャット（送信の横で選ぶか、上の既定として選んだもの）で、次の応答から使われます。</translation>
    </message>
</context>
<context>
    <name>DownloadBanner</name>
    <message>
        <source>Hide (the download goes on)</source>
        <translation>隠す（ダウンロードは続きます）</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>再試行</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>再開</translation>
    </message>
</context>
<context>
    <name>DrawerHeader</name>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
</context>
<context>
    <name>EngineError</name>
    <message>
        <source>The file could not be found or opened.</source>
        <translation>ファイルが見つからないか、開けませんでした。</translation>
    </message>
    <message>
        <source>The file could not be read. Check that it can be read and that its disk works.</source>
        <translation>ファイルを読み取れませんでした。読み取り可能か、ディスクが正常に動作しているか確認してください。</translation>
    </message>
    <message>
        <source>This is not a model file RWKV Desktop can read (.pth, .safetensors, .gguf or rwkv.cpp .bin).</source>
        <translation>RWKV Desktop で読み込めるモデルファイルではありません（.pth、.safetensors、.gguf、rwkv.cpp の .bin）。</translation>
    </message>
    <message>
        <source>The file is incomplete (an interrupted download or copy?). Download or copy it again.</source>
        <translation>ファイルが不完全です（ダウンロードやコピーが中断されましたか？）。もう一度ダウンロードまたはコピーしてください。</translation>
    </message>
    <message>
        <source>The file is damaged: its contents do not fit together. Download or copy it again.</source>
        <translation>ファイルが破損しています：内容のつじつまが合いません。もう一度ダウンロードまたはコピーしてください。</translation>
    </message>
    <message>
        <source>The file is damaged: some of its weights are not numbers. Download or copy it again.</source>
        <translation>ファイルが破損しています：一部の重みが数値ではありません。もう一度ダウンロードまたはコピーしてください。</translation>
    </message>
    <message>
        <source>The file asks to run code when it is opened, so it was not loaded.</source>
        <translation>このファイルは開くときにコードの実行を求めるため、読み込みませんでした。</translation>
    </message>
    <message>
        <source>There is not enough memory for this model. Close other programs or choose a smaller model.</source>
        <translation>このモデルに必要なメモリが足りません。ほかのプログラムを閉じるか、小さいモデルを選んでください。</translation>
    </message>
    <message>
        <source>The chosen device is not available. Choose another device (or Automatic) in Settings.</source>
        <translation>選択したデバイスは使用できません。設定で別のデバイス（または「自動」）を選んでください。</translation>
    </message>
    <message>
        <source>The model&apos;s outputs are not numbers: the file is damaged or is not an RWKV-7 model. Download or copy it again, or choose another model.</source>
        <translation>モデルの出力が数値ではありません：ファイルが破損しているか、RWKV-7 モデルではありません。もう一度ダウンロードまたはコピーするか、別のモデルを選んでください。</translation>
    </message>
    <message>
        <source>No NVIDIA GPU driver was found, so CUDA cannot run on this computer. Choose the CPU or a Vulkan device in Settings.</source>
        <translation>NVIDIA GPU ドライバーが見つからないため、このコンピューターでは CUDA を実行できません。設定で CPU または Vulkan デバイスを選んでください。</translation>
    </message>
    <message>
        <source>The NVIDIA GPU driver is older than this build of RWKV Desktop needs. Update the driver, or choose the CPU or a Vulkan device in Settings.</source>
        <translation>NVIDIA GPU ドライバーが、このビルドの RWKV Desktop が必要とするものより古いです。ドライバーを更新するか、設定で CPU または Vulkan デバイスを選んでください。</translation>
    </message>
    <message>
        <source>No NVIDIA GPU was found. Choose the CPU or a Vulkan device in Settings.</source>
        <translation>NVIDIA GPU が見つかりませんでした。設定で CPU または Vulkan デバイスを選んでください。</translation>
    </message>
    <message>
        <source>This is an %1 model: RWKV Desktop runs RWKV-7 models only. Choose an RWKV-7 model.</source>
        <translation>これは %1 モデルです：RWKV Desktop は RWKV-7 モデルのみ実行できます。RWKV-7 モデルを選んでください。</translation>
    </message>
    <message>
        <source>This file is not an RWKV model (the details say what it is): RWKV Desktop runs RWKV-7 models only. Choose an RWKV-7 model.</source>
        <translation>このファイルは RWKV モデルではありません（何のファイルかは詳細を参照）：RWKV Desktop は RWKV-7 モデルのみ実行できます。RWKV-7 モデルを選んでください。</translation>
    </message>
    <message>
        <source>This file is not an RWKV-7 model: it does not have RWKV-7&apos;s layers (the details say what it has). Choose an RWKV-7 model.</source>
        <translation>このファイルは RWKV-7 モデルではありません：RWKV-7 のレイヤーがありません（何があるかは詳細を参照）。RWKV-7 モデルを選んでください。</translation>
    </message>
    <message>
        <source>This model is not one RWKV Desktop can run (the details say why). Choose another RWKV-7 model.</source>
        <translation>このモデルは RWKV Desktop では実行できません（理由は詳細を参照）。別の RWKV-7 モデルを選んでください。</translation>
    </message>
    <message>
        <source>The engine refused a setting of this reply (the details say which). Check the reply&apos;s settings and try again.</source>
        <translation>エンジンがこの応答の設定を受け付けませんでした（どの設定かは詳細を参照）。応答の設定を確認して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The model&apos;s file could not be found or opened any more. Load the model again.</source>
        <translation>モデルのファイルが見つからないか、開けなくなりました。モデルをもう一度読み込んでください。</translation>
    </message>
    <message>
        <source>The model&apos;s file could not be read. Check that its disk works, then load the model again.</source>
        <translation>モデルのファイルを読み取れませんでした。ディスクが正常に動作しているか確認してから、モデルをもう一度読み込んでください。</translation>
    </message>
    <message>
        <source>The model&apos;s file is damaged. Download or copy it again, or choose another model.</source>
        <translation>モデルのファイルが破損しています。もう一度ダウンロードまたはコピーするか、別のモデルを選んでください。</translation>
    </message>
    <message>
        <source>The text holds a token this model does not have: its tokenizer does not fit its weights. Choose another model.</source>
        <translation>テキストにこのモデルにない token が含まれています：トークナイザーが重みと合っていません。別のモデルを選んでください。</translation>
    </message>
    <message>
        <source>A saved state of this chat does not fit the loaded model. Try again; if it fails again, report it with the details.</source>
        <translation>このチャットの保存された状態が、読み込まれたモデルと合いません。もう一度お試しください。再び失敗する場合は、詳細を添えて報告してください。</translation>
    </message>
    <message>
        <source>A saved state of this chat is damaged. Try again; if it fails again, report it with the details.</source>
        <translation>このチャットの保存された状態が破損しています。もう一度お試しください。再び失敗する場合は、詳細を添えて報告してください。</translation>
    </message>
    <message>
        <source>There is not enough memory to write the reply. Close other programs or choose a smaller model.</source>
        <translation>応答を書くのに必要なメモリが足りません。ほかのプログラムを閉じるか、小さいモデルを選んでください。</translation>
    </message>
    <message>
        <source>The device writing the reply is not available any more. Choose another device (or Automatic) in Settings.</source>
        <translation>応答を書いているデバイスが使用できなくなりました。設定で別のデバイス（または「自動」）を選んでください。</translation>
    </message>
    <message>
        <source>The reply was cancelled.</source>
        <translation>応答はキャンセルされました。</translation>
    </message>
    <message>
        <source>Something went wrong inside RWKV Desktop while it wrote the reply (a bug: the details say where). Try again, and report it if it happens again.</source>
        <translation>RWKV Desktop が応答を書いている間に内部で問題が発生しました（バグです。場所は詳細を参照）。もう一度お試しください。再び起きる場合は報告してください。</translation>
    </message>
    <message>
        <source>The reply could not be written (the details say why).</source>
        <translation>応答を書けませんでした（理由は詳細を参照）。</translation>
    </message>
    <message>
        <source>The reply could not be written.</source>
        <translation>応答を書けませんでした。</translation>
    </message>
    <message>
        <source>This is not a model file: it is %1.</source>
        <translation>これはモデルファイルではありません：%1 です。</translation>
    </message>
    <message>
        <source>This is an RWKV state-tuning file (a trained starting state), not a model. Load a model, then choose this file as a chat&apos;s starting state (⋯ → Starting state…).</source>
        <translation>これは RWKV ステートチューニングファイル（学習済みの開始状態）で、モデルではありません。モデルを読み込んでから、チャットの ⋯ →「開始状態…」でこのファイルを選んでください。</translation>
    </message>
    <message>
        <source>This is not a file stored on a disk but one the system makes up as it is read (a file of /proc or /sys), so it cannot be a model. Choose a model file.</source>
        <translation>これはディスクに保存されたファイルではなく、読み込むたびにシステムが作り出すファイル（/proc や /sys のファイル）のため、モデルではありません。モデルファイルを選んでください。</translation>
    </message>
    <message>
        <source>This is a model, not a state-tuning file: open it with the model button (top right).</source>
        <translation>これはモデルで、ステートチューニングファイルではありません：モデルボタン（右上）で開いてください。</translation>
    </message>
    <message>
        <source>This is not a file stored on a disk (a device, a pipe, or a file of /proc or /sys), so it cannot be a starting state. Choose a state-tuning file.</source>
        <translation>これはディスクに保存されたファイルではない（デバイス、パイプ、または /proc や /sys のファイル）ため、開始状態にできません。ステートチューニングファイルを選んでください。</translation>
    </message>
    <message>
        <source>This is not an RWKV state-tuning file (a .pth or .safetensors file of a trained starting state).</source>
        <translation>これは RWKV ステートチューニングファイル（学習済みの開始状態の .pth または .safetensors ファイル）ではありません。</translation>
    </message>
    <message>
        <source>This state-tuning file is for a model RWKV Desktop cannot run (the details say why).</source>
        <translation>このステートチューニングファイルは RWKV Desktop では実行できないモデル用です（理由は詳細を参照）。</translation>
    </message>
    <message>
        <source>This state-tuning file was made for a model of another size (the details name both). Choose one made for the loaded model, or load the model it was made for.</source>
        <translation>このステートチューニングファイルは別のサイズのモデル用に作られています（詳細に両方を記載）。読み込んだモデル用のファイルを選ぶか、このファイル用のモデルを読み込んでください。</translation>
    </message>
    <message>
        <source>This is %1, not a file stored on a disk, so it cannot be a model. Choose a model file.</source>
        <translation>これは %1で、ディスクに保存されたファイルではないため、モデルではありません。モデルファイルを選んでください。</translation>
    </message>
    <message>
        <source>This is %1, not a file stored on a disk, so it cannot be a starting state. Choose a state-tuning file.</source>
        <translation>これは %1で、ディスクに保存されたファイルではないため、開始状態にできません。ステートチューニングファイルを選んでください。</translation>
    </message>
    <message>
        <source>a named pipe (FIFO)</source>
        <translation>名前付きパイプ（FIFO）</translation>
    </message>
    <message>
        <source>a character device</source>
        <translation>キャラクターデバイス</translation>
    </message>
    <message>
        <source>a block device</source>
        <translation>ブロックデバイス</translation>
    </message>
    <message>
        <source>a socket</source>
        <translation>ソケット</translation>
    </message>
    <message>
        <source>a file of %1, which the system makes up as it is read</source>
        <translation>%1 のファイル（読み込むたびにシステムが作り出すもの）</translation>
    </message>
    <message>
        <source>a file of one of the kernel&apos;s own file systems, which the system makes up as it is read</source>
        <translation>カーネル独自のファイルシステムのファイル（読み込むたびにシステムが作り出すもの）</translation>
    </message>
    <message>
        <source>Some of this model&apos;s weights are too large for fp16 weights (the details name one). Choose int8 in Settings → Weights in memory and the CPU in Settings → Device: int8 weights hold them.</source>
        <translation>このモデルの一部の重みは fp16 の重みには大きすぎます（詳細にその一つを記載）。設定 → メモリ上の重みで int8 を、設定 → デバイスで CPU を選んでください：int8 の重みなら扱えます。</translation>
    </message>
    <message>
        <source>Some of this model&apos;s weights are too large for both fp16 and int8 weights, the kinds this window loads (the details name one). No trained model has such weights: the file may be damaged. Download or copy it again, or choose another model.</source>
        <translation>このモデルの一部の重みは大きすぎて、このウィンドウが読み込める fp16 と int8 のどちらの重みにも収まりません（詳細にその一つを記載）。学習済みのモデルにこのような重みはありません：ファイルが壊れている可能性があります。もう一度ダウンロードまたはコピーするか、別のモデルを選んでください。</translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Your conversations are open read-only: %1 (or its folder) cannot be written, so new messages and changes will not be saved. Make it writable and restart RWKV Desktop to save again.</source>
        <translation>会話は読み取り専用で開かれています：%1（またはそのフォルダー）に書き込めないため、新しいメッセージや変更は保存されません。書き込み可能にしてから RWKV Desktop を再起動すると、再び保存できます。</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>詳細：%1</translation>
    </message>
    <message>
        <source>Your conversations are open read-only: %2 cannot be written now (%1), so new messages and changes will not be saved. Free some space on its disk and restart RWKV Desktop to save again.</source>
        <translation>会話は読み取り専用で開かれています：%2 に現在書き込めないため（%1）、新しいメッセージや変更は保存されません。ディスクの空き容量を確保してから RWKV Desktop を再起動すると、再び保存できます。</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>コピーしました</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Copy every reply not saved to the clipboard</source>
        <translation>保存されていない応答をすべてクリップボードにコピー</translation>
    </message>
    <message>
        <source>Copy the reply not saved to the clipboard</source>
        <translation>保存されていない応答をクリップボードにコピー</translation>
    </message>
</context>
<context>
    <name>HeaderBar</name>
    <message>
        <source>Models</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Download and manage models</source>
        <translation>モデルのダウンロードと管理</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <source>Choose a model…</source>
        <translation>モデルを選択…</translation>
    </message>
    <message>
        <source>Choose a model file</source>
        <translation>モデルファイルを選択</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Device, language, theme and folders (Ctrl+,)</source>
        <translation>デバイス、言語、テーマ、フォルダー（Ctrl+,）</translation>
    </message>
    <message>
        <source>The model can be changed once the reply is written</source>
        <translation>応答を書き終えるとモデルを変更できます</translation>
    </message>
    <message>
        <source>Hide the conversations</source>
        <translation>会話を隠す</translation>
    </message>
    <message>
        <source>Show the conversations</source>
        <translation>会話を表示</translation>
    </message>
</context>
<context>
    <name>ImportBanner</name>
    <message>
        <source>This conversation was made with %1, which is not on this computer. Download it (%2) to continue where it left off?</source>
        <translation>この会話は %1 で作られましたが、このコンピューターにはありません。ダウンロード（%2）して続きから再開しますか？</translation>
    </message>
    <message>
        <source>Download (%1)</source>
        <translation>ダウンロード（%1）</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Import a copy</source>
        <translation>コピーをインポート</translation>
    </message>
</context>
<context>
    <name>InstructionsField</name>
    <message>
        <source>Not pasted: the %1 characters on the clipboard would make these instructions longer than %2. A long text for the model to read goes in a message.</source>
        <translation>貼り付けていません：クリップボードの %1 文字を加えると、指示が %2 文字を超えてしまいます。モデルに読ませる長いテキストはメッセージに入れてください。</translation>
    </message>
    <message>
        <source>Instructions hold at most %1 characters; this text has %2. Shorten it to keep it.</source>
        <translation>指示は最大 %1 文字です。このテキストは %2 文字あります。残すには短くしてください。</translation>
    </message>
    <message>
        <source>Instructions hold at most %1 characters, an emoji, a flag or some accented letters counting as 2 or more; this text has %2 counted so (%3 as you read them). Shorten it to keep it.</source>
        <translation>指示は最大 %1 文字です（絵文字、国旗、一部のアクセント付きの文字は 2 文字以上に数えます）。そう数えると、このテキストは %2 文字あります（見た目では %3 文字）。残すには短くしてください。</translation>
    </message>
    <message>
        <source>Not pasted: the %1 characters on the clipboard, %2 as the limit counts them (an emoji, a flag or some accented letters count as 2 or more), would make these instructions longer than %3. A long text for the model to read goes in a message.</source>
        <translation>貼り付けていません：クリップボードの %1 文字（上限の数え方では %2 文字：絵文字、国旗、一部のアクセント付きの文字は 2 文字以上に数えます）を加えると、指示が %3 文字を超えてしまいます。モデルに読ませる長いテキストはメッセージに入れてください。</translation>
    </message>
</context>
<context>
    <name>InstructionsLine</name>
    <message>
        <source>Instructions: %1</source>
        <translation>指示：%1</translation>
    </message>
    <message>
        <source>Change this chat&apos;s instructions</source>
        <translation>このチャットの指示を変更</translation>
    </message>
    <message>
        <source>Add instructions…</source>
        <translation>指示を追加…</translation>
    </message>
    <message>
        <source>What the model reads before this new chat: a role, a tone, what to keep to</source>
        <translation>この新しいチャットの前にモデルが読む内容：役割、口調、守るべきこと</translation>
    </message>
</context>
<context>
    <name>MadeFromLine</name>
    <message>
        <source>Made from “%1”</source>
        <translation>「%1」から作成</translation>
    </message>
    <message>
        <source>Open the chat this one was made from, at the message it was made from</source>
        <translation>このチャットの作成元のチャットを、作成したメッセージの位置で開きます</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>%1 — RWKV Desktop</source>
        <translation>%1 — RWKV Desktop</translation>
    </message>
    <message>
        <source>RWKV Desktop</source>
        <translation>RWKV Desktop</translation>
    </message>
    <message>
        <source>Choose an RWKV-7 model</source>
        <translation>RWKV-7 モデルを選択</translation>
    </message>
    <message>
        <source>RWKV models (*.pth *.safetensors *.gguf *.bin)</source>
        <translation>RWKV モデル (*.pth *.safetensors *.gguf *.bin)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Import a conversation</source>
        <translation>会話をインポート</translation>
    </message>
    <message>
        <source>Conversations (*.rwkvchat *.json)</source>
        <translation>会話 (*.rwkvchat *.json)</translation>
    </message>
    <message>
        <source>Export a conversation</source>
        <translation>会話をエクスポート</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>エクスポート</translation>
    </message>
    <message>
        <source>Bundle (*.rwkvchat)</source>
        <translation>バンドル (*.rwkvchat)</translation>
    </message>
    <message>
        <source>JSON export (*.json)</source>
        <translation>JSON エクスポート (*.json)</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown ファイル (*.md)</translation>
    </message>
    <message>
        <source>Ctrl+L: type a path</source>
        <translation>Ctrl+L：パスを入力</translation>
    </message>
    <message>
        <source>Replace “%1”?</source>
        <translation>「%1」を置き換えますか？</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>置き換え</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>A file named “%1” is already in this folder. Replacing it overwrites what it holds.</source>
        <translation>「%1」という名前のファイルがこのフォルダーにすでにあります。置き換えると、その内容は上書きされます。</translation>
    </message>
    <message>
        <source>Your unsent text can&apos;t be kept: the disk is full. Copy it before you quit.</source>
        <translation>未送信のテキストを保持できません：ディスクがいっぱいです。終了する前にコピーしてください。</translation>
    </message>
    <message>
        <source>Quit and lose the text in the message box?</source>
        <translation>終了して、メッセージ欄のテキストを破棄しますか？</translation>
    </message>
    <message>
        <source>The disk is full: the text in the message box could not be saved as this chat&apos;s draft. If you quit now, it is lost. Copy it first to keep it.</source>
        <translation>ディスクがいっぱいです：メッセージ欄のテキストをこのチャットの下書きとして保存できませんでした。今終了すると失われます。残すには先にコピーしてください。</translation>
    </message>
    <message>
        <source>Quit and lose it</source>
        <translation>終了して破棄</translation>
    </message>
    <message>
        <source>Back to the text</source>
        <translation>テキストに戻る</translation>
    </message>
    <message>
        <source>RWKV Desktop may not write its drafts file %1 (%2): the text in the message box could not be saved as this chat&apos;s draft. If you quit now, it is lost. Copy it first to keep it.</source>
        <translation>RWKV Desktop は下書きファイル %1 に書き込めません（%2）：メッセージ欄のテキストをこのチャットの下書きとして保存できませんでした。今終了すると失われます。残すには先にコピーしてください。</translation>
    </message>
    <message>
        <source>The drafts file %1 could not be written (%2): the text in the message box could not be saved as this chat&apos;s draft. If you quit now, it is lost. Copy it first to keep it.</source>
        <translation>下書きファイル %1 に書き込めませんでした（%2）：メッセージ欄のテキストをこのチャットの下書きとして保存できませんでした。今終了すると失われます。残すには先にコピーしてください。</translation>
    </message>
    <message>
        <source>Your unsent text can&apos;t be kept: RWKV Desktop may not write its drafts file %1 (%2). Copy it before you quit.</source>
        <translation>未送信のテキストを保持できません：RWKV Desktop は下書きファイル %1 に書き込めません（%2）。終了する前にコピーしてください。</translation>
    </message>
    <message>
        <source>Your unsent text can&apos;t be kept: the drafts file %1 could not be written (%2). Copy it before you quit.</source>
        <translation>未送信のテキストを保持できません：下書きファイル %1 に書き込めませんでした（%2）。終了する前にコピーしてください。</translation>
    </message>
    <message>
        <source>the chat “%1”</source>
        <translation>チャット「%1」</translation>
    </message>
    <message>
        <source>%1 chats (“%2” among them)</source>
        <translation>%1 件のチャット（「%2」など）</translation>
    </message>
    <message>
        <source>Quit and lose the text that could not be saved?</source>
        <translation>終了して、保存できなかったテキストを破棄しますか？</translation>
    </message>
    <message>
        <source>RWKV Desktop may not write its drafts file %1 (%2)</source>
        <translation>RWKV Desktop は下書きファイル %1 に書き込めません（%2）</translation>
    </message>
    <message>
        <source>The drafts file %1 could not be written (%2)</source>
        <translation>下書きファイル %1 に書き込めませんでした（%2）</translation>
    </message>
    <message>
        <source>The disk is full</source>
        <translation>ディスクがいっぱいです</translation>
    </message>
    <message>
        <source>%1: the text in the message box and the unsent text of %2 could not be saved. If you quit now, all of it is lost. Copy it first to keep it.</source>
        <translation>%1：メッセージ欄のテキストと %2 の未送信のテキストを保存できませんでした。今終了するとすべて失われます。残すには先にコピーしてください。</translation>
    </message>
    <message>
        <source>%1: the unsent text of %2 could not be saved. If you quit now, it is lost. Copy it first to keep it.</source>
        <translation>%1：%2 の未送信のテキストを保存できませんでした。今終了すると失われます。残すには先にコピーしてください。</translation>
    </message>
    <message>
        <source>Read-only library: new messages and changes are not saved (%1 cannot be written).</source>
        <translation>読み取り専用のライブラリ：新しいメッセージや変更は保存されません（%1 に書き込めません）。</translation>
    </message>
    <message>
        <source>RWKV state-tuning files (*.pth *.safetensors)</source>
        <translation>RWKV ステートチューニングファイル (*.pth *.safetensors)</translation>
    </message>
    <message>
        <source>Starting state for “%1”</source>
        <translation>「%1」の開始状態</translation>
    </message>
    <message>
        <source>Starting state for this new chat</source>
        <translation>この新しいチャットの開始状態</translation>
    </message>
</context>
<context>
    <name>MarkdownSegment</name>
    <message>
        <source>Copied the link %1 — RWKV Desktop opens only web links.</source>
        <translation>リンク %1 をコピーしました — RWKV Desktop が開くのはウェブのリンクだけです。</translation>
    </message>
    <message>
        <source>No browser opened the link %1 — it was copied: paste it into a browser.</source>
        <translation>リンク %1 を開けるブラウザーがありませんでした — リンクはコピーしました。ブラウザーに貼り付けてください。</translation>
    </message>
</context>
<context>
    <name>MessageActions</name>
    <message>
        <source>Read-only library: changes cannot be saved</source>
        <translation>読み取り専用のライブラリ：変更は保存できません</translation>
    </message>
    <message>
        <source>✓ Copied</source>
        <translation>✓ コピーしました</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Copy this message to the clipboard</source>
        <translation>このメッセージをクリップボードにコピー</translation>
    </message>
    <message>
        <source>↻ Regenerate</source>
        <translation>↻ 再生成</translation>
    </message>
    <message>
        <source>Write another reply from the same point; this one is kept</source>
        <translation>同じところから別の応答を書きます。この応答も残ります</translation>
    </message>
    <message>
        <source>✎ Edit</source>
        <translation>✎ 編集</translation>
    </message>
    <message>
        <source>Change this message; the conversation so far is kept as another version</source>
        <translation>このメッセージを変更します。ここまでの会話は別のバージョンとして残ります</translation>
    </message>
    <message>
        <source>Edit message</source>
        <translation>メッセージを編集</translation>
    </message>
    <message>
        <source>Send as new version</source>
        <translation>新しいバージョンとして送信</translation>
    </message>
    <message>
        <source>New chat from here</source>
        <translation>ここから新しいチャット</translation>
    </message>
    <message>
        <source>Start a new chat with the conversation before this question; the question waits in its message box</source>
        <translation>この質問より前の会話で新しいチャットを始めます。質問は新しいチャットの入力欄に入ります</translation>
    </message>
    <message>
        <source>Start a new chat with the conversation up to this reply; it goes on from here without reading it again</source>
        <translation>この応答までの会話で新しいチャットを始めます。読み直さずに、ここから続けます</translation>
    </message>
    <message>
        <source>Making the new chat…</source>
        <translation>新しいチャットを作成中…</translation>
    </message>
    <message>
        <source>→ Continue</source>
        <translation>→ 続きを生成</translation>
    </message>
    <message>
        <source>Write on from where this reply was cut off, as a new version; this one is kept</source>
        <translation>この応答が途切れたところから続きを新しいバージョンとして書きます。この応答も残ります</translation>
    </message>
    <message>
        <source>3 replies</source>
        <translation>3 件の応答</translation>
    </message>
    <message>
        <source>Write three new versions of this reply at once, from the same point, to compare with ‹ ›; this one is kept</source>
        <translation>同じところから、この応答の新しいバージョンを 3 つ同時に書きます。‹ › で見比べられます。この応答も残ります</translation>
    </message>
</context>
<context>
    <name>MessageBubble</name>
    <message>
        <source>Unfinished: this reply was cut off. Regenerate for a complete one.</source>
        <translation>未完了：この応答は途中で切れました。再生成すると完全な応答を書きます。</translation>
    </message>
    <message>
        <source>No reply: it ended before its first word (stopped, failed or cut off). Regenerate to try again.</source>
        <translation>応答なし：最初の言葉の前に終わりました（停止、失敗、または中断）。再生成してもう一度お試しください。</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>停止しました</translation>
    </message>
    <message>
        <source>Cut off when the program writing it was closed. Regenerate for a complete one.</source>
        <translation>書いていたプログラムが閉じられたため途中で切れました。再生成すると完全な応答を書きます。</translation>
    </message>
    <message>
        <source>Reached the length limit</source>
        <translation>長さの上限に達しました</translation>
    </message>
    <message>
        <source>Reply not saved: it was shown as it was written, but could not be saved (the disk was full, or another program was using the database) before RWKV Desktop ended. Regenerate to write a new one.</source>
        <translation>応答は保存されていません：書かれたとおりに表示されましたが、RWKV Desktop の終了前に保存できませんでした（ディスクがいっぱいだったか、別のプログラムがデータベースを使用していました）。再生成すると新しい応答を書きます。</translation>
    </message>
    <message>
        <source>Reply not saved: it was shown as it was written, but could not be saved (the disk was full, or another program was using the database) before RWKV Desktop ended. Its question was read with the next message.</source>
        <translation>応答は保存されていません：書かれたとおりに表示されましたが、RWKV Desktop の終了前に保存できませんでした（ディスクがいっぱいだったか、別のプログラムがデータベースを使用していました）。その質問は次のメッセージと一緒に読まれました。</translation>
    </message>
    <message>
        <source>No reply: it ended before its first word (stopped, failed or cut off), so its question was read with the next message.</source>
        <translation>応答なし：最初の言葉の前に終わったため（停止、失敗、または中断）、その質問は次のメッセージと一緒に読まれました。</translation>
    </message>
    <message>
        <source>No reply: you stopped it before its first word, so its question was read with the next message.</source>
        <translation>応答なし：最初の言葉の前に停止したため、その質問は次のメッセージと一緒に読まれました。</translation>
    </message>
    <message>
        <source>No reply: you stopped it before its first word. Regenerate to write one.</source>
        <translation>応答なし：最初の言葉の前に停止しました。再生成すると応答を書きます。</translation>
    </message>
    <message>
        <source>No reply: RWKV Desktop was closed before its first word, so its question was read with the next message.</source>
        <translation>応答なし：最初の言葉の前に RWKV Desktop が閉じられたため、その質問は次のメッセージと一緒に読まれました。</translation>
    </message>
    <message>
        <source>No reply: RWKV Desktop was closed before its first word. Regenerate to write one.</source>
        <translation>応答なし：最初の言葉の前に RWKV Desktop が閉じられました。再生成すると応答を書きます。</translation>
    </message>
    <message>
        <source>Unfinished: this reply was cut off. Continue it, or regenerate a complete one.</source>
        <translation>未完了：この応答は途中で切れました。「続きを生成」で続きを書けます。再生成すると完全な応答を書きます。</translation>
    </message>
    <message>
        <source>Cut off when the program writing it was closed. Continue it, or regenerate a complete one.</source>
        <translation>書いていたプログラムが閉じられたため途中で切れました。「続きを生成」で続きを書けます。再生成すると完全な応答を書きます。</translation>
    </message>
    <message>
        <source>Reply not saved: it was shown as it was written, but could not be saved (the disk was full, or another program was using the database) before RWKV Desktop ended. Its question will be read with the next message that gets a reply.</source>
        <translation>応答は保存されていません：書かれたとおりに表示されましたが、RWKV Desktop の終了前に保存できませんでした（ディスクがいっぱいだったか、別のプログラムがデータベースを使用していました）。その質問は、次に応答が書かれるメッセージと一緒に読まれます。</translation>
    </message>
    <message>
        <source>No reply: you stopped it before its first word, so its question will be read with the next message that gets a reply.</source>
        <translation>応答なし：最初の言葉の前に停止したため、その質問は次に応答が書かれるメッセージと一緒に読まれます。</translation>
    </message>
    <message>
        <source>No reply: RWKV Desktop was closed before its first word, so its question will be read with the next message that gets a reply.</source>
        <translation>応答なし：最初の言葉の前に RWKV Desktop が閉じられたため、その質問は次に応答が書かれるメッセージと一緒に読まれます。</translation>
    </message>
    <message>
        <source>No reply: it ended before its first word (stopped, failed or cut off), so its question will be read with the next message that gets a reply.</source>
        <translation>応答なし：最初の言葉の前に終わったため（停止、失敗、または中断）、その質問は次に応答が書かれるメッセージと一緒に読まれます。</translation>
    </message>
    <message>
        <source>(only spaces or invisible characters)</source>
        <translation>（空白または見えない文字のみ）</translation>
    </message>
</context>
<context>
    <name>MessageView</name>
    <message>
        <source>How can I help?</source>
        <translation>何をお手伝いしましょうか？</translation>
    </message>
    <message>
        <source>Everything runs on this computer. Conversations are saved with the model&apos;s memory, so long chats continue instantly.</source>
        <translation>すべてこのコンピューター上で動作します。会話はモデルの記憶と一緒に保存されるので、長いチャットもすぐに続けられます。</translation>
    </message>
    <message>
        <source>You are trying the bundled demo model, a tiny test model: its replies are English-looking babble. For real conversations, &lt;a href=&quot;models&quot;&gt;download a model&lt;/a&gt; (0.1B to 13.3B).</source>
        <translation>今お使いなのは同梱のデモモデルで、小さなテスト用モデルです：応答は英語らしく見えるでたらめな文です。本当の会話をするには、&lt;a href=&quot;models&quot;&gt;モデルをダウンロード&lt;/a&gt;してください（0.1B～13.3B）。</translation>
    </message>
    <message>
        <source>No messages in this chat</source>
        <translation>このチャットにはメッセージがありません</translation>
    </message>
    <message>
        <source>Its title and settings are here, but none of its messages: they could not be read back from a damaged conversation database, or none was saved. Write below to start it again.</source>
        <translation>タイトルと設定はありますが、メッセージはひとつもありません：破損した会話データベースから読み戻せなかったか、何も保存されていませんでした。下に入力すると、もう一度始められます。</translation>
    </message>
</context>
<context>
    <name>ModelFileCheck</name>
    <message>
        <source>Damaged</source>
        <translation>破損</translation>
    </message>
    <message>
        <source>Not RWKV-7</source>
        <translation>RWKV-7 ではない</translation>
    </message>
    <message>
        <source>Cannot be used</source>
        <translation>使用不可</translation>
    </message>
    <message>
        <source>%1
Details: %2</source>
        <translation>%1
詳細：%2</translation>
    </message>
    <message>
        <source>Starting state</source>
        <translation>開始状態</translation>
    </message>
</context>
<context>
    <name>ModelManagerPage</name>
    <message>
        <source>Models</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Choose the models folder</source>
        <translation>モデルフォルダーを選択</translation>
    </message>
    <message>
        <source>Import a model file</source>
        <translation>モデルファイルをインポート</translation>
    </message>
    <message>
        <source>Model files (*.pth *.gguf *.st *.safetensors *.bin)</source>
        <translation>モデルファイル (*.pth *.gguf *.st *.safetensors *.bin)</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Models folder</source>
        <translation>モデルフォルダー</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>変更…</translation>
    </message>
    <message>
        <source>Download from</source>
        <translation>ダウンロード元</translation>
    </message>
    <message>
        <source>Available models</source>
        <translation>利用可能なモデル</translation>
    </message>
    <message>
        <source>Verifying sha256…</source>
        <translation>sha256 を検証中…</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>準備完了</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>再試行</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>ダウンロード</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>再開</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>このコンピューター上</translation>
    </message>
    <message>
        <source>Import from disk…</source>
        <translation>ディスクからインポート…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>No models yet: download one above or import a file.</source>
        <translation>まだモデルがありません：上からダウンロードするか、ファイルをインポートしてください。</translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation>モデルを削除</translation>
    </message>
    <message>
        <source>Delete %1 from the models folder?</source>
        <translation>%1 をモデルフォルダーから削除しますか？</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>使用</translation>
    </message>
    <message>
        <source>Only the bundled demo model so far (it answers with babble): download a model above or import a file.</source>
        <translation>今あるのは同梱のデモモデルだけです（でたらめな文で答えます）：上からモデルをダウンロードするか、ファイルをインポートしてください。</translation>
    </message>
    <message>
        <source>Ctrl+L: type a path</source>
        <translation>Ctrl+L：パスを入力</translation>
    </message>
    <message>
        <source>Deleted: it stays loaded until you choose another model or quit</source>
        <translation>削除しました：別のモデルを選ぶか終了するまで、読み込まれたままです</translation>
    </message>
    <message>
        <source>%1 is the model in use. Delete it from the models folder? It stays loaded until you choose another model or quit.</source>
        <translation>%1 は使用中のモデルです。モデルフォルダーから削除しますか？別のモデルを選ぶか終了するまで、読み込まれたままです。</translation>
    </message>
    <message>
        <source>%1 · in %2</source>
        <translation>%1 · %2 内</translation>
    </message>
    <message>
        <source>%1 · bundled demo model</source>
        <translation>%1 · 同梱のデモモデル</translation>
    </message>
    <message>
        <source>Download again</source>
        <translation>もう一度ダウンロード</translation>
    </message>
    <message>
        <source>Ctrl+L: a path from your home folder</source>
        <translation>Ctrl+L：ホームフォルダーからのパス</translation>
    </message>
    <message>
        <source>%1 · loaded as %2</source>
        <translation>%1 · %2 として読み込み済み</translation>
    </message>
    <message>
        <source>Renamed to %1, which is not a model file name: it stays loaded until you choose another model or quit</source>
        <translation>%1 に名前が変更されました（モデルファイルの名前ではありません）：別のモデルを選ぶか終了するまで、読み込まれたままです</translation>
    </message>
</context>
<context>
    <name>PastedText</name>
    <message>
        <source>Long text: one line, %1 characters</source>
        <translation>長いテキスト：1 行、%1 文字</translation>
    </message>
    <message>
        <source>Long text: %1 lines, %2 characters</source>
        <translation>長いテキスト：%1 行、%2 文字</translation>
    </message>
    <message>
        <source>Pasted text: one line, %1 characters</source>
        <translation>貼り付けたテキスト：1 行、%1 文字</translation>
    </message>
    <message>
        <source>Pasted text: %1 lines, %2 characters</source>
        <translation>貼り付けたテキスト：%1 行、%2 文字</translation>
    </message>
    <message>
        <source>Remove this text from the message</source>
        <translation>このテキストをメッセージから削除</translation>
    </message>
    <message>
        <source>Remove the pasted text</source>
        <translation>貼り付けたテキストを削除</translation>
    </message>
    <message>
        <source>Part of the message, before what is in the box; not shown in the box because it is long</source>
        <translation>メッセージの一部で、入力欄の内容の前に置かれます。長いため入力欄には表示されません</translation>
    </message>
    <message>
        <source>Sent with your message, before what you type in the box</source>
        <translation>メッセージと一緒に、入力欄に入力した内容の前に送信されます</translation>
    </message>
</context>
<context>
    <name>PrefillBar</name>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Stop reading (Esc); the message stays, without a reply</source>
        <translation>読み取りを停止（Esc）。メッセージは応答なしで残ります</translation>
    </message>
</context>
<context>
    <name>PresetChooser</name>
    <message>
        <source>Default (%1)</source>
        <translation>デフォルト（%1）</translation>
    </message>
    <message>
        <source>Follows the preset chosen in Settings (now %1). %2</source>
        <translation>設定で選んだプリセットに従います（現在は「%1」）。%2</translation>
    </message>
    <message>
        <source>Sampling preset for this conversation&apos;s replies</source>
        <translation>この会話の応答に使うサンプリングプリセット</translation>
    </message>
</context>
<context>
    <name>SamplingPresetTexts</name>
    <message>
        <source>Chat</source>
        <translation>チャット</translation>
    </message>
    <message>
        <source>Precise</source>
        <translation>正確</translation>
    </message>
    <message>
        <source>Creative</source>
        <translation>創造的</translation>
    </message>
    <message>
        <source>The official RWKV chat settings (temperature 1.0, top-p 0.3)</source>
        <translation>RWKV 公式のチャット設定（temperature 1.0、top-p 0.3）</translation>
    </message>
    <message>
        <source>Sticks to the most likely words; good for questions and facts (top-p 0.1)</source>
        <translation>最も可能性の高い言葉を選びます。質問や事実に向いています（top-p 0.1）</translation>
    </message>
    <message>
        <source>More varied wording for stories and ideas (temperature 1.2, top-p 0.6)</source>
        <translation>物語やアイデア向けに、より多彩な言い回しにします（temperature 1.2、top-p 0.6）</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>カスタム</translation>
    </message>
    <message>
        <source>Your values from Settings: temperature %1, top-p %2, presence penalty %3, frequency penalty %4, penalty decay %5, replies up to %6 tokens</source>
        <translation>設定で決めた値：温度 %1、top-p %2、存在ペナルティ %3、頻度ペナルティ %4、ペナルティ減衰 %5、応答は最大 %6 token</translation>
    </message>
</context>
<context>
    <name>SearchField</name>
    <message>
        <source>Search conversations</source>
        <translation>会話を検索</translation>
    </message>
    <message>
        <source>A search uses at most %1 characters</source>
        <translation>検索に使えるのは最大 %1 文字です</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>検索をクリア</translation>
    </message>
</context>
<context>
    <name>SearchResults</name>
    <message>
        <source>No messages match “%1”.</source>
        <translation>「%1」に一致するメッセージはありません。</translation>
    </message>
</context>
<context>
    <name>Sentences</name>
    <message>
        <source>%1 %2</source>
        <extracomment>Two whole sentences said one after the other on one line (%1 ends with its own full stop). Chinese: &quot;%1%2&quot;.</extracomment>
        <translation>%1%2</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Choose the data folder</source>
        <translation>データフォルダーを選択</translation>
    </message>
    <message>
        <source>Choose the models folder</source>
        <translation>モデルフォルダーを選択</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>About RWKV Desktop</source>
        <translation>RWKV Desktop について</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外観</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>システムの既定</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>テーマ</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>システムに従う</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>ライト</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>ダーク</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>デバイス</translation>
    </message>
    <message>
        <source>Where models run. Changing it reloads the current model. If the chosen GPU cannot hold the model, the CPU is used and the app says why.</source>
        <translation>モデルを実行する場所です。変更すると現在のモデルを読み込み直します。選んだ GPU にモデルが収まらない場合は CPU を使い、その理由を表示します。</translation>
    </message>
    <message>
        <source>The saved device “%1” is not present now; models load on the CPU until it is back or you choose another.</source>
        <translation>保存されたデバイス「%1」は現在ありません。戻るか別のデバイスを選ぶまで、モデルは CPU で読み込まれます。</translation>
    </message>
    <message>
        <source>In use now: %1</source>
        <translation>現在使用中：%1</translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation>CPU スレッド</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自動</translation>
    </message>
    <message>
        <source>Automatic uses all %1 hardware threads, or one for a very small model.</source>
        <translation>「自動」ではハードウェアスレッドを %1 個すべて使います。非常に小さいモデルでは 1 個です。</translation>
    </message>
    <message>
        <source>Replies</source>
        <translation>応答</translation>
    </message>
    <message>
        <source>Sampling preset</source>
        <translation>プリセット</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>フォルダー</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>会話</translation>
    </message>
    <message>
        <source>Used from the next start. Now in use: %1</source>
        <translation>次回の起動から使われます。現在使用中：%1</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>変更…</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>デフォルト</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Settings are saved at once in %1.</source>
        <translation>設定はすぐに %1 に保存されます。</translation>
    </message>
    <message>
        <source>A conversation can choose its own preset next to Send; this one is used by the others.</source>
        <translation>会話ごとに「送信」の横で独自のプリセットを選べます。ほかの会話ではこのプリセットが使われます。</translation>
    </message>
    <message>
        <source>Ctrl+L: a path from your home folder</source>
        <translation>Ctrl+L：ホームフォルダーからのパス</translation>
    </message>
    <message>
        <source>Fewer CPU threads</source>
        <translation>CPU スレッドを減らす</translation>
    </message>
    <message>
        <source>More CPU threads</source>
        <translation>CPU スレッドを増やす</translation>
    </message>
    <message>
        <source>The device, CPU threads and weights chosen apply once the model now loading is ready: it then loads again.</source>
        <translation>選んだデバイス、CPU スレッド、重みは、読み込み中のモデルの準備ができたときに適用され、モデルが読み込み直されます。</translation>
    </message>
    <message>
        <source>The device, CPU threads and weights chosen apply when the reply under way ends or is stopped: the model then loads again.</source>
        <translation>選んだデバイス、CPU スレッド、重みは、書いている途中の応答が終わるか停止したときに適用され、モデルが読み込み直されます。</translation>
    </message>
    <message>
        <source>Weights in memory</source>
        <translation>メモリ上の重み</translation>
    </message>
    <message>
        <source>fp16 — exact, more memory</source>
        <translation>fp16 — 正確、メモリ多め</translation>
    </message>
    <message>
        <source>int8 — about half the memory, slightly less exact</source>
        <translation>int8 — メモリ約半分、わずかに精度が下がる</translation>
    </message>
    <message>
        <source>int8 lets a larger model fit in memory, the GPU&apos;s or the computer&apos;s RAM (a 7B model in about 8 GB instead of 15 GB); its replies differ slightly. Changing it reloads the current model.</source>
        <translation>int8 では、より大きなモデルをメモリ（GPU またはコンピューターの RAM）に収められます（7B モデルが 15 GB ではなく約 8 GB）。応答はわずかに変わります。変更すると現在のモデルを読み込み直します。</translation>
    </message>
    <message>
        <source>Instructions for new chats</source>
        <translation>新しいチャットの指示</translation>
    </message>
    <message>
        <source>None</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>A new chat starts with these (the model reads them before the chat). Each chat keeps its own: change them in its ⋯ menu (Instructions…).</source>
        <translation>新しいチャットはこの指示で始まります（モデルはチャットの前にこれを読みます）。各チャットは独自の指示を持ち、その ⋯ メニュー（指示…）で変更できます。</translation>
    </message>
    <message>
        <source>Local API server</source>
        <translation>ローカル API サーバー</translation>
    </message>
    <message>
        <source>OpenAI-compatible API</source>
        <translation>OpenAI 互換 API</translation>
    </message>
    <message>
        <source>Serve on port</source>
        <translation>ポートで提供</translation>
    </message>
    <message>
        <source>Serving the OpenAI-compatible API at %1</source>
        <translation>OpenAI 互換 API を %1 で提供中</translation>
    </message>
    <message>
        <source>Off. When it is on, programs on this computer can use the loaded model at %1</source>
        <translation>オフ。オンにすると、このコンピューター上のプログラムが %1 で読み込み済みのモデルを使えます</translation>
    </message>
    <message>
        <source>Only programs on this computer can connect (127.0.0.1), without a password. Requests take turns with this window&apos;s replies, one at a time.</source>
        <translation>接続できるのはこのコンピューター上のプログラムだけで（127.0.0.1）、パスワードは不要です。リクエストはこのウィンドウの応答と順番に、1 つずつ処理されます。</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>文字サイズ</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>Ctrl+= larger, Ctrl+- smaller, Ctrl+0 back to 100 %</source>
        <translation>Ctrl+= で拡大、Ctrl+- で縮小、Ctrl+0 で 100% に戻す</translation>
    </message>
    <message>
        <source>Custom sampling</source>
        <translation>カスタムサンプリング</translation>
    </message>
    <message>
        <source>Freeing space…</source>
        <translation>領域を解放しています…</translation>
    </message>
    <message>
        <source>A reply is being written: its state is saved when it ends. Free the space after that.</source>
        <translation>応答を書いています。その状態は応答の終わりに保存されます。領域の解放はその後で行ってください。</translation>
    </message>
    <message numerus="yes">
        <source>%n older saved state(s) deleted, but the database file could not be made smaller (%1): the space inside it is used again by later saved states.</source>
        <translation>
            <numerusform>古い保存された状態を %n 件削除しましたが、データベースファイルを小さくできませんでした（%1）。空いた領域は、後で保存される状態に再利用されます。</numerusform>
        </translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>ディスクがいっぱいです</translation>
    </message>
    <message>
        <source>Freed %1 of unused space in the database.</source>
        <translation>データベースの未使用の領域 %1 を解放しました。</translation>
    </message>
    <message>
        <source>Nothing to free: each chat keeps only its newest saved state.</source>
        <translation>解放できる領域はありません。各チャットには最新の保存された状態だけが残っています。</translation>
    </message>
    <message numerus="yes">
        <source>Freed %1: %n older saved state(s) deleted.</source>
        <translation>
            <numerusform>%1 を解放しました。古い保存された状態を %n 件削除しました。</numerusform>
        </translation>
    </message>
    <message>
        <source>Free space used by saved states?</source>
        <translation>保存された状態が使っている領域を解放しますか？</translation>
    </message>
    <message>
        <source>Each chat keeps only its newest saved model state, on the version it opens on; its older states are deleted and the database file is made smaller. No message is deleted: a chat continued from another version reads its text again once, which takes longer.</source>
        <translation>各チャットには、開いたときに表示されるバージョンの最新の保存されたモデルの状態だけが残り、それより古い状態は削除されて、データベースファイルが小さくなります。メッセージは削除されません。ほかのバージョンから続けるチャットは、その文章をもう一度読み込むため、時間がかかります。</translation>
    </message>
    <message>
        <source>Free space</source>
        <translation>解放</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Saved model states: none (database %1)</source>
        <translation>保存されたモデルの状態：なし（データベース %1）</translation>
    </message>
    <message numerus="yes">
        <source>Saved model states: %1 in %n chat(s) (database %2)</source>
        <translation>
            <numerusform>保存されたモデルの状態：%n 件のチャットで %1（データベース %2）</numerusform>
        </translation>
    </message>
    <message>
        <source>Free space used by saved states</source>
        <translation>保存された状態の領域を解放</translation>
    </message>
    <message numerus="yes">
        <source>Saved model states: %1, all in %n chat(s) in the trash (database %2)</source>
        <translation>
            <numerusform>保存されたモデルの状態：ゴミ箱の %n 件のチャットで %1（データベース %2）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved model states: %1 in %n chat(s), %2 (database %3)</source>
        <comment>%2 is “%n more in the trash”</comment>
        <translation>
            <numerusform>保存されたモデルの状態：%n 件のチャットと%2で %1（データベース %3）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more in the trash</source>
        <comment>chats holding saved states</comment>
        <translation>
            <numerusform>ゴミ箱の %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>ports %1 to %2</source>
        <translation>ポート %1～%2</translation>
    </message>
    <message numerus="yes">
        <source>%n older saved state(s) deleted, but the database file could not be made smaller: it is damaged where a saved state is kept. At its next start RWKV Desktop checks the whole file and offers to recover the chats that can still be read.</source>
        <translation>
            <numerusform>古い保存された状態を %n 件削除しましたが、データベースファイルを小さくできませんでした。保存された状態の置き場所でファイルが破損しています。RWKV Desktop は次の起動時にファイル全体を確認し、まだ読み取れるチャットの復元を提案します。</numerusform>
        </translation>
    </message>
    <message>
        <source>Settings could not be saved in %1: its disk is full. Your changes hold until RWKV Desktop quits.</source>
        <translation>設定を %1 に保存できませんでした：ディスクがいっぱいです。変更は RWKV Desktop を終了するまで有効です。</translation>
    </message>
    <message>
        <source>Settings could not be saved in %1: it cannot be written. Your changes hold until RWKV Desktop quits.</source>
        <translation>設定を %1 に保存できませんでした：このファイルには書き込めません。変更は RWKV Desktop を終了するまで有効です。</translation>
    </message>
</context>
<context>
    <name>StartStateLine</name>
    <message>
        <source>Starting state: %1</source>
        <translation>開始状態：%1</translation>
    </message>
    <message>
        <source>This chat starts from a state-tuning file instead of an empty state</source>
        <translation>このチャットは、空の状態ではなくステートチューニングファイルから始まります</translation>
    </message>
    <message>
        <source>Choose another file…</source>
        <translation>別のファイルを選択…</translation>
    </message>
    <message>
        <source>Start from an empty state</source>
        <translation>空の状態から始める</translation>
    </message>
    <message>
        <source>Add a starting state…</source>
        <translation>開始状態を追加…</translation>
    </message>
    <message>
        <source>Start this new chat from a state-tuning file instead of an empty state</source>
        <translation>この新しいチャットを、空の状態ではなくステートチューニングファイルから始めます</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>A reply is being written in “%1”…</source>
        <translation>「%1」で応答を書いています…</translation>
    </message>
    <message>
        <source>Memory: %1 tokens read</source>
        <translation>記憶：%1 token を読み取り済み</translation>
    </message>
    <message>
        <source>This chat&apos;s memory has read %1 tokens since it began: every message, reply and text read again. An RWKV model has no context limit to run into: its memory keeps the same size however long the chat grows, but details from far back fade. For a new topic, start a new chat, or use “New chat from here” under a reply to go on from that point in a chat of its own.</source>
        <translation>このチャットの記憶は、始まってから %1 token を読み取りました（メッセージ、応答、読み直したテキストのすべてです）。RWKV モデルには、行き当たるコンテキストの上限がありません。記憶の大きさはチャットがどれだけ長くなっても変わりませんが、ずっと前の細かい内容は薄れていきます。新しい話題には新しいチャットを始めるか、応答の下の「ここから新しいチャット」で、その時点から別のチャットとして続けてください。</translation>
    </message>
    <message>
        <source>A reply in “%1” is waiting for a Local API request…</source>
        <translation>「%1」の応答はローカル API のリクエストを待っています…</translation>
    </message>
</context>
<context>
    <name>StoreError</name>
    <message>
        <source>The conversation database %1 is read-only, so this change was not saved. Make the file and its folder writable, then start again.</source>
        <translation>会話データベース %1 は読み取り専用のため、この変更は保存されませんでした。ファイルとそのフォルダーを書き込み可能にしてから、もう一度起動してください。</translation>
    </message>
    <message>
        <source>The conversation database %1 was replaced or removed by another program while RWKV Desktop had it open, so this change was not saved and nothing more is written to it (writing on would damage the file now at that path). Quit and start RWKV Desktop again to use the file that is there now.</source>
        <translation>RWKV Desktop が開いている間に会話データベース %1 がほかのプログラムによって置き換えられたか削除されたため、この変更は保存されず、以後このデータベースには何も書き込みません（書き込みを続けると、今そのパスにあるファイルを破損させてしまいます）。今あるファイルを使うには、RWKV Desktop を終了して再起動してください。</translation>
    </message>
    <message>
        <source>The conversation database %1 is locked by another program (%2). Close the other program using it (another RWKV Desktop or rwkv-cli) and try again; nothing was changed.</source>
        <translation>会話データベース %1 はほかのプログラムによってロックされています（%2）。それを使っているほかのプログラム（別の RWKV Desktop または rwkv-cli）を閉じて、もう一度お試しください。何も変更されていません。</translation>
    </message>
    <message>
        <source>The disk holding the conversation database %1 is full, so this change was not saved. Free some space and try again.</source>
        <translation>会話データベース %1 のあるディスクがいっぱいのため、この変更は保存されませんでした。空き容量を確保して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>A disk error occurred while using the conversation database %1 (%2); the last change may not have been saved. Check the disk and try again.</source>
        <translation>会話データベース %1 の使用中にディスクエラーが発生しました（%2）。最後の変更は保存されていない可能性があります。ディスクを確認して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Out of memory while using the conversation database %1. Close other programs and try again.</source>
        <translation>会話データベース %1 の使用中にメモリが不足しました。ほかのプログラムを閉じて、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Free some space on that disk and choose Try again, or start RWKV Desktop with --data-dir naming a folder on another disk.</source>
        <translation>そのディスクの空き容量を確保して「再試行」を選ぶか、別のディスク上のフォルダーを --data-dir に指定して RWKV Desktop を起動してください。</translation>
    </message>
    <message>
        <source>The disk is full: RWKV Desktop cannot set up its conversation database.</source>
        <translation>ディスクがいっぱいです：RWKV Desktop は会話データベースを作成できません。</translation>
    </message>
    <message>
        <source>File: %1
The disk holding it has no room for a new conversation database, so the app cannot start with it. Nothing was changed.</source>
        <translation>ファイル：%1
このファイルのあるディスクには新しい会話データベースを作る空きがないため、アプリはこれを使って起動できません。何も変更されていません。</translation>
    </message>
    <message>
        <source>RWKV Desktop cannot write its conversation database.</source>
        <translation>RWKV Desktop は会話データベースに書き込めません。</translation>
    </message>
    <message>
        <source>File: %1
A disk error occurred while setting it up (%2): the disk may be full, or a file there cannot grow. Nothing was changed.</source>
        <translation>ファイル：%1
作成中にディスクエラーが発生しました（%2）：ディスクがいっぱいか、そこにあるファイルを大きくできない可能性があります。何も変更されていません。</translation>
    </message>
    <message>
        <source>The conversation database %1 is a folder, not a database file: move or rename it.</source>
        <translation>会話データベース %1 はフォルダーであり、データベースファイルではありません：移動するか名前を変更してください。</translation>
    </message>
    <message>
        <source>The conversation database %1 is not a regular file (a device, a named pipe or a socket): move or remove it.</source>
        <translation>会話データベース %1 は通常のファイルではありません（デバイス、名前付きパイプ、またはソケット）：移動するか削除してください。</translation>
    </message>
    <message>
        <source>The conversation database %1 is %2, not a file stored on a disk: move or remove it.</source>
        <translation>会話データベース %1 は %2で、ディスクに保存されたファイルではありません：移動するか削除してください。</translation>
    </message>
    <message>
        <source>The conversation database %1 is a link to %2, which does not exist: remove the link, or point it at a database file.</source>
        <translation>会話データベース %1 は存在しない %2 へのリンクです：リンクを削除するか、データベースファイルを指すようにしてください。</translation>
    </message>
    <message>
        <source>Cannot create the conversation database %1: its folder %2 cannot be written. Make the folder writable, or keep the database in another one.</source>
        <translation>会話データベース %1 を作成できません：フォルダー %2 に書き込めません。フォルダーを書き込み可能にするか、データベースを別のフォルダーに置いてください。</translation>
    </message>
    <message>
        <source>Cannot create the conversation database %1: its folder %2 does not exist. Create the folder, or keep the database in another one.</source>
        <translation>会話データベース %1 を作成できません：フォルダー %2 が存在しません。フォルダーを作成するか、データベースを別のフォルダーに置いてください。</translation>
    </message>
    <message>
        <source>RWKV Desktop is still saving a reply to the conversation database %1, so this change was not made. Try again in a moment.</source>
        <translation>RWKV Desktop は応答を会話データベース %1 に保存している途中のため、この変更は行われませんでした。少し待ってから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The conversation database %1 is damaged, so the reply could not be saved (the details say where).</source>
        <translation>会話データベース %1 が破損しているため、応答を保存できませんでした（場所は詳細を参照）。</translation>
    </message>
    <message>
        <source>The conversation database %1 could not save the reply (the details say why).</source>
        <translation>会話データベース %1 に応答を保存できませんでした（理由は詳細を参照）。</translation>
    </message>
    <message>
        <source>Recovered chat %1</source>
        <translation>復元したチャット %1</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>ディスクがいっぱいです</translation>
    </message>
    <message>
        <source>RWKV Desktop is freeing the space used by saved states in the conversation database %1 (Settings → Folders), so this change was not made. Try again once it has finished.</source>
        <translation>RWKV Desktop が会話データベース %1 で保存された状態の領域を解放しているため（設定 → フォルダー）、この変更は行われませんでした。終わってからもう一度お試しください。</translation>
    </message>
    <message>
        <source>Cannot create the conversation database %1: no file can be made in its folder %2 (%3). Keep the database in another folder.</source>
        <translation>会話データベース %1 を作成できません：フォルダー %2 にはファイルを作成できません（%3）。データベースを別のフォルダーに置いてください。</translation>
    </message>
    <message>
        <source>it does not exist</source>
        <translation>存在しません</translation>
    </message>
    <message>
        <source>it is a file, not a folder</source>
        <translation>フォルダーではなくファイルです</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>権限がありません</translation>
    </message>
    <message>
        <source>a disk mounted read-only</source>
        <translation>読み取り専用でマウントされたディスクです</translation>
    </message>
    <message>
        <source>the disk quota is used up</source>
        <translation>ディスクのクォータを使い切っています</translation>
    </message>
    <message>
        <source>the system lets no file be made in it</source>
        <translation>システムがここでのファイルの作成を許可していません</translation>
    </message>
    <message>
        <source>the disk is full: mending the file&apos;s damaged list of free pages writes it anew, which needs about %1 free on its disk; nothing was lost, and the next start tries again</source>
        <translation>ディスクがいっぱいです。ファイル内の壊れた空きページ一覧を修復するにはファイル全体を書き直す必要があり、そのディスクに約 %1 の空き容量が必要です。失われたものはなく、次回の起動時にもう一度試します</translation>
    </message>
</context>
<context>
    <name>ThinkBlock</name>
    <message>
        <source>Reasoning</source>
        <translation>思考</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>考え中…</translation>
    </message>
    <message>
        <source>Hide the reasoning</source>
        <translation>思考を隠す</translation>
    </message>
    <message>
        <source>Show the reasoning</source>
        <translation>思考を表示</translation>
    </message>
    <message>
        <source>(no reasoning written)</source>
        <translation>（思考は書かれていません）</translation>
    </message>
</context>
<context>
    <name>TrashButton</name>
    <message>
        <source>🗑 Trash (%1)</source>
        <translation>🗑 ゴミ箱（%1）</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>ゴミ箱</translation>
    </message>
    <message>
        <source>Deleted conversations are kept here for 30 days, then removed for good.</source>
        <translation>削除した会話はここに 30 日間保管され、その後完全に削除されます。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>復元</translation>
    </message>
    <message>
        <source>Delete forever</source>
        <translation>完全に削除</translation>
    </message>
    <message>
        <source>The trash is empty.</source>
        <translation>ゴミ箱は空です。</translation>
    </message>
    <message>
        <source>Empty trash</source>
        <translation>ゴミ箱を空にする</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Empty trash?</source>
        <translation>ゴミ箱を空にしますか？</translation>
    </message>
    <message>
        <source>Delete the conversation in the trash for good? This cannot be undone.</source>
        <translation>ゴミ箱の会話を完全に削除しますか？この操作は元に戻せません。</translation>
    </message>
    <message>
        <source>Delete all %1 conversations in the trash for good? This cannot be undone.</source>
        <translation>ゴミ箱の %1 件の会話をすべて完全に削除しますか？この操作は元に戻せません。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>TypedText</name>
    <message>
        <source>Left out %1: direction controls turn the text around, so messages keep none.</source>
        <translation>%1 を除外しました：方向制御文字はテキストの向きを変えるため、メッセージには残しません。</translation>
    </message>
</context>
<context>
    <name>UndoBar</name>
    <message>
        <source>“%1” moved to the trash</source>
        <translation>「%1」をゴミ箱に移動しました</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
</context>
<context>
    <name>UnsavedReplyDialog</name>
    <message>
        <source>A reply is not saved</source>
        <translation>応答が保存されていません</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>再試行</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>コピーしました</translation>
    </message>
    <message>
        <source>Copy reply</source>
        <translation>応答をコピー</translation>
    </message>
    <message>
        <source>Quit anyway</source>
        <translation>それでも終了</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Still no room: the reply is not saved yet.</source>
        <translation>まだ空きがありません：応答はまだ保存されていません。</translation>
    </message>
    <message>
        <source>Still in use by another program: the reply is not saved yet.</source>
        <translation>まだほかのプログラムが使用中です：応答はまだ保存されていません。</translation>
    </message>
    <message>
        <source>Still cannot be written: the reply is not saved yet.</source>
        <translation>まだ書き込めません：応答はまだ保存されていません。</translation>
    </message>
    <message>
        <source>Copy replies</source>
        <translation>すべての応答をコピー</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Test hook: with --screenshot, save the window S seconds after start (a download or a reply in progress) instead, then quit.</source>
        <translation>テスト用フック：--screenshot と一緒に使うと、代わりに起動から S 秒後（ダウンロードや応答の途中）にウィンドウを保存して終了します。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --if-damaged must be ask, recover or move-aside, not &apos;%1&apos;. See --help.</source>
        <translation>rwkv-desktop：--if-damaged には ask、recover、move-aside のいずれかを指定してください（&apos;%1&apos; は不可）。--help を参照してください。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --screenshot-at says when to save the window: it needs --screenshot FILE.</source>
        <translation>rwkv-desktop：--screenshot-at はウィンドウを保存するタイミングを指定します：--screenshot FILE が必要です。</translation>
    </message>
    <message>
        <source>Test hook: with --startup-click, click only once FILE exists.</source>
        <translation>テスト用フック：--startup-click と一緒に使うと、FILE が存在するようになってから一度だけクリックします。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --startup-click-when says when to click: it needs --startup-click TEXT.</source>
        <translation>rwkv-desktop：--startup-click-when はクリックするタイミングを指定します：--startup-click TEXT が必要です。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --timeout limits the --send and --screenshot test hooks: it needs one of them.</source>
        <translation>rwkv-desktop：--timeout は --send と --screenshot のテスト用フックの時間を制限します：そのどちらかが必要です。</translation>
    </message>
    <message>
        <source>When the conversation database is damaged: ask (default), recover (rename it, never delete it, and put what can be read into a new one), or move-aside (rename it and start with an empty history).</source>
        <translation>会話データベースが破損している場合：ask（既定、確認する）、recover（名前を変えて残し、削除はせず、読み取れる内容を新しいデータベースに移す）、move-aside（名前を変えて、空の履歴で始める）。</translation>
    </message>
    <message>
        <source>Your conversation database was damaged. It was moved to %1 (nothing was deleted) and a new, empty one was started.</source>
        <translation>会話データベースが破損していました。%1 に移動し（何も削除していません）、新しい空のデータベースを作成しました。</translation>
    </message>
    <message>
        <source>File: %1
Nothing was changed. Move or rename it yourself, then start RWKV Desktop again.

Details: %2</source>
        <translation>ファイル：%1
何も変更されていません。ご自身で移動するか名前を変更してから、RWKV Desktop をもう一度起動してください。

詳細：%2</translation>
    </message>
    <message>
        <source>The damaged conversation database could not be moved.</source>
        <translation>破損した会話データベースを移動できませんでした。</translation>
    </message>
    <message>
        <source>Move it aside and start fresh</source>
        <translation>別の場所に移して新しく始める</translation>
    </message>
    <message>
        <source>Recover what can be read</source>
        <translation>読み取れる内容を復元</translation>
    </message>
    <message>
        <source>Chats whose titles could not be read are named after their first message.</source>
        <translation>タイトルを読み取れなかったチャットには、最初のメッセージから名前が付けられます。</translation>
    </message>
    <message>
        <source>Nothing could be recovered from it: %1</source>
        <translation>何も復元できませんでした：%1</translation>
    </message>
    <message>
        <source>Your conversation database is damaged.</source>
        <translation>会話データベースが破損しています。</translation>
    </message>
    <message>
        <source>RWKV Desktop — chat with RWKV-7 models on your computer</source>
        <translation>RWKV Desktop — 自分のコンピューターで RWKV-7 モデルとチャット</translation>
    </message>
    <message>
        <source>Folder for conversations.sqlite.</source>
        <translation>conversations.sqlite を置くフォルダー。</translation>
    </message>
    <message>
        <source>Test hook: send TEXT once the model is loaded.</source>
        <translation>テスト用フック：モデルの読み込み後に TEXT を送信します。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --select needs a conversation id (a whole number, 1 or more), not &apos;%1&apos;.</source>
        <translation>rwkv-desktop：--select には会話 ID（1 以上の整数）が必要です（&apos;%1&apos; は不可）。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --keys: &apos;%1&apos; is not a key (Tab, Return, Shift+Tab, ...).</source>
        <translation>rwkv-desktop：--keys：&apos;%1&apos; はキーではありません（Tab、Return、Shift+Tab など）。</translation>
    </message>
    <message>
        <source>Test hook: save the window to FILE after the reply (or after loading), then quit.</source>
        <translation>テスト用フック：応答の後（または読み込み後）にウィンドウを FILE に保存して終了します。</translation>
    </message>
    <message>
        <source>Test hook time limit in seconds (default 120).</source>
        <translation>テスト用フックの制限時間（秒、既定は 120）。</translation>
    </message>
    <message>
        <source>Interface language, for example zh_CN or en (default: the system language).</source>
        <translation>インターフェースの言語。例：zh_CN、en（既定：システムの言語）。</translation>
    </message>
    <message>
        <source>Model catalog (models.json) to use instead of the bundled one.</source>
        <translation>同梱のものの代わりに使うモデルカタログ（models.json）。</translation>
    </message>
    <message>
        <source>RWKV Desktop</source>
        <translation>RWKV Desktop</translation>
    </message>
    <message>
        <source>RWKV Desktop cannot create its data folder.</source>
        <translation>RWKV Desktop はデータフォルダーを作成できません。</translation>
    </message>
    <message>
        <source>RWKV Desktop cannot open its conversation database.</source>
        <translation>RWKV Desktop は会話データベースを開けません。</translation>
    </message>
    <message>
        <source>File: %1
Nothing was changed. What happened and what to do:

%2</source>
        <translation>ファイル：%1
何も変更されていません。何が起きたか、どうすればよいか：

%2</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>Test hook: open conversation ID at start (repeatable; before the model loads).</source>
        <translation>テスト用フック：起動時に会話 ID を開きます（複数指定可、モデルの読み込み前）。</translation>
    </message>
    <message>
        <source>Test hook: search the conversations for TEXT at start (repeatable).</source>
        <translation>テスト用フック：起動時に会話から TEXT を検索します（複数指定可）。</translation>
    </message>
    <message>
        <source>Import a conversation bundle (.rwkvchat) or JSON export at start (repeatable: each file in turn, each with its own outcome line).</source>
        <translation>起動時に会話バンドル（.rwkvchat）または JSON エクスポートをインポートします（複数指定可：ファイルを順に読み込み、それぞれの結果を 1 行ずつ表示）。</translation>
    </message>
    <message>
        <source>“%1” is a file, not a folder.</source>
        <translation>「%1」はフォルダーではなくファイルです。</translation>
    </message>
    <message>
        <source>The folder “%1” cannot be written (permission denied).</source>
        <translation>フォルダー「%1」に書き込めません（権限がありません）。</translation>
    </message>
    <message>
        <source>“%1” could not be created.</source>
        <translation>「%1」を作成できませんでした。</translation>
    </message>
    <message>
        <source>The system names no folder for application data.</source>
        <translation>アプリケーションデータ用のフォルダーがシステムで指定されていません。</translation>
    </message>
    <message>
        <source>%1

Nothing was changed. Start the app with --data-dir naming a folder that can be written (it is created if missing).</source>
        <translation>%1

何も変更されていません。書き込み可能なフォルダーを --data-dir に指定してアプリを起動してください（なければ作成されます）。</translation>
    </message>
    <message>
        <source>%1. The demo model was loaded instead.</source>
        <translation>%1。代わりにデモモデルを読み込みました。</translation>
    </message>
    <message>
        <source>The disk of the data folder %1 is almost full (%2 free; a reply needs up to %3): new messages may not be saved. Free some space, or choose a data folder on another disk in Settings → Folders (used from the next start).</source>
        <translation>データフォルダー %1 のディスクの空きがほとんどありません（空き %2、応答には最大 %3 必要）：新しいメッセージを保存できない可能性があります。空き容量を確保するか、設定 → フォルダーで別のディスク上のデータフォルダーを選んでください（次回の起動から使われます）。</translation>
    </message>
    <message>
        <source>Model file to load at start, this time only (otherwise the model chosen last, or the demo model).</source>
        <translation>起動時に読み込むモデルファイル（今回のみ。指定しない場合は最後に選んだモデル、またはデモモデル）。</translation>
    </message>
    <message>
        <source>Download the catalog model ID, verify it and load it (the demo model answers meanwhile).</source>
        <translation>カタログのモデル ID をダウンロードし、検証して読み込みます（その間はデモモデルが応答します）。</translation>
    </message>
    <message>
        <source>Show a page at start: settings, about, models, or presets (the sampling presets beside Send).</source>
        <translation>起動時にページを表示します：settings（設定）、about（情報）、models（モデル）、presets（「送信」の横のサンプリングプリセット）。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --open must be settings, about, models or presets, not &apos;%1&apos;. See --help.</source>
        <translation>rwkv-desktop：--open には settings、about、models、presets のいずれかを指定してください（&apos;%1&apos; は不可）。--help を参照してください。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --%1 must be a whole number of seconds, 1 or more, not &apos;%2&apos;. See --help.</source>
        <translation>rwkv-desktop：--%1 には 1 以上の整数の秒数を指定してください（&apos;%2&apos; は不可）。--help を参照してください。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --reply-pace must be a whole number of milliseconds from 1 to 1000, not &apos;%1&apos;.</source>
        <translation>rwkv-desktop：--reply-pace には 1～1000 の整数のミリ秒数を指定してください（&apos;%1&apos; は不可）。</translation>
    </message>
    <message>
        <source>When the conversations folder chosen in Settings cannot be used: ask (default), or use-standard (the standard folder this time).</source>
        <translation>設定で選んだ会話フォルダーが使えない場合：ask（既定、確認する）、use-standard（今回は標準のフォルダーを使う）。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --if-folder-unusable must be ask or use-standard, not &apos;%1&apos;. See --help.</source>
        <translation>rwkv-desktop：--if-folder-unusable には ask または use-standard を指定してください（&apos;%1&apos; は不可）。--help を参照してください。</translation>
    </message>
    <message>
        <source>The conversations folder chosen in Settings cannot be used.</source>
        <translation>設定で選んだ会話フォルダーを使用できません。</translation>
    </message>
    <message>
        <source>%1

Nothing was changed. You can start with the standard folder %2 this time (the conversations kept there); Settings keeps your choice, which is used again once it can be.</source>
        <translation>%1

何も変更されていません。今回は標準のフォルダー %2 で起動できます（そこにある会話が使われます）。設定での選択は保持され、使えるようになれば再び使われます。</translation>
    </message>
    <message>
        <source>Use the standard folder</source>
        <translation>標準のフォルダーを使う</translation>
    </message>
    <message>
        <source>The conversations folder chosen in Settings cannot be used (%1), so the standard folder %2 is used this time.</source>
        <translation>設定で選んだ会話フォルダーを使用できないため（%1）、今回は標準のフォルダー %2 を使います。</translation>
    </message>
    <message>
        <source>RWKV Desktop is already open with this data folder.</source>
        <translation>RWKV Desktop はこのデータフォルダーですでに開いています。</translation>
    </message>
    <message>
        <source>Another RWKV Desktop (process %1) uses %2. Switch to its window, or close it first; nothing was changed.</source>
        <translation>別の RWKV Desktop（プロセス %1）が %2 を使用しています。そのウィンドウに切り替えるか、先に閉じてください。何も変更されていません。</translation>
    </message>
    <message>
        <source>rwkv-cli is writing to this data folder.</source>
        <translation>rwkv-cli がこのデータフォルダーに書き込んでいます。</translation>
    </message>
    <message>
        <source>An rwkv-cli command (process %1) is writing to the conversations in %2. Wait for it to finish, or stop it, then start RWKV Desktop again; nothing was changed.</source>
        <translation>rwkv-cli コマンド（プロセス %1）が %2 の会話に書き込んでいます。終わるのを待つか停止してから、RWKV Desktop をもう一度起動してください。何も変更されていません。</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>再試行</translation>
    </message>
    <message>
        <source>RWKV Desktop cannot find its resources folder, which holds the tokenizer vocabulary that models need (%1), the model catalog (models.json) and the demo model, so no model can be loaded. Looked in: %2. Reinstall RWKV Desktop, or start it with RWKV_DESKTOP_RESOURCES set to that folder.</source>
        <translation>RWKV Desktop のリソースフォルダーが見つかりません。ここにはモデルに必要なトークナイザーの語彙（%1）、モデルカタログ（models.json）、デモモデルが入っているため、モデルを読み込めません。探した場所：%2。RWKV Desktop を再インストールするか、RWKV_DESKTOP_RESOURCES にそのフォルダーを設定して起動してください。</translation>
    </message>
    <message>
        <source>Test hook: pause MS milliseconds after each piece of a streamed reply (to scroll while it streams) and of a conversation read again (as on a slow device).</source>
        <translation>テスト用フック：ストリーミング中の応答（スクロールするため）や読み直す会話（遅いデバイスのように）の各部分の後に MS ミリ秒待ちます。</translation>
    </message>
    <message>
        <source>--download: there is no model &quot;%1&quot; in the catalog. Models lists the ones to download.</source>
        <translation>--download：カタログにモデル「%1」はありません。ダウンロードできるモデルは「モデル」に一覧表示されます。</translation>
    </message>
    <message>
        <source>Or quit and move it yourself.</source>
        <translation>または、終了してご自身で移動してください。</translation>
    </message>
    <message>
        <source>Or quit and move it yourself (the copy kept before its last upgrade is next to it: %1).</source>
        <translation>または、終了してご自身で移動してください（最後のアップグレード前に保存されたコピーが隣にあります：%1）。</translation>
    </message>
    <message>
        <source>File: %1

RWKV Desktop cannot read it (SQLite: %2). You can recover the chats that can still be read into a new database, or move it aside and start with an empty history: either way the file is renamed, not deleted, so it can still be repaired or sent for help later. %3</source>
        <translation>ファイル：%1

RWKV Desktop はこのファイルを読み取れません（SQLite：%2）。まだ読み取れるチャットを新しいデータベースに復元するか、別の場所に移して空の履歴で始めることができます。どちらの場合もファイルは名前が変わるだけで削除されないので、後で修復したり、サポートに送ったりできます。%3</translation>
    </message>
    <message>
        <source>The folder “%1” cannot be written (%2).</source>
        <translation>フォルダー「%1」に書き込めません（%2）。</translation>
    </message>
    <message>
        <source>Test hook: click the button TEXT of the first start-up problem window (for example “Try again”) once it is shown.</source>
        <translation>テスト用フック：最初の起動時の問題ウィンドウが表示されたら、そのボタン TEXT（例：「再試行」）をクリックします。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --set %1 was not applied: %2</source>
        <translation>rwkv-desktop：--set %1 は適用されませんでした：%2</translation>
    </message>
    <message>
        <source>Neither the conversations folder chosen in Settings nor the standard folder can be used.</source>
        <translation>設定で選んだ会話フォルダーも標準のフォルダーも使用できません。</translation>
    </message>
    <message>
        <source>Test hook: with --screenshot, press these keys in turn once the model is loaded (with --send: once the reply has come; comma-separated, e.g. Tab,Tab,Return), then save the window.</source>
        <translation>テスト用フック：--screenshot と一緒に使うと、モデルの読み込み後（--send があれば応答の後）にこれらのキーを順に押してから、ウィンドウを保存します（コンマ区切り、例：Tab,Tab,Return）。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --keys needs --screenshot FILE.</source>
        <translation>rwkv-desktop：--keys には --screenshot FILE が必要です。</translation>
    </message>
    <message>
        <source>cannot be used (%1)</source>
        <translation>使用できません（%1）</translation>
    </message>
    <message>
        <source>The folder chosen in Settings, %1, %2. %3</source>
        <translation>設定で選んだフォルダー %1 は%2。%3</translation>
    </message>
    <message>
        <source>The standard folder, %1, %2. %3</source>
        <translation>標準のフォルダー %1 は%2。%3</translation>
    </message>
    <message>
        <source>Nothing was changed. Once one of them is fixed, click Try again. From a terminal, --data-dir FOLDER starts with another folder.</source>
        <translation>何も変更されていません。どちらかを直したら「再試行」をクリックしてください。ターミナルからは --data-dir FOLDER で別のフォルダーを使って起動できます。</translation>
    </message>
    <message>
        <source>The folder “%1” does not exist, nor does %2 on its path (a drive not connected?).</source>
        <translation>フォルダー「%1」は存在せず、そのパス上の %2 も存在しません（ドライブが接続されていませんか？）。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --select needs the id of a conversation in %1, not &apos;%2&apos;: there is no conversation %2.</source>
        <translation>rwkv-desktop：--select には %1 にある会話の ID を指定してください（&apos;%2&apos; は不可）：会話 %2 はありません。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --select needs the id of a conversation in %1, not &apos;%2&apos;: conversation %2 is in the trash.</source>
        <translation>rwkv-desktop：--select には %1 にある会話の ID を指定してください（&apos;%2&apos; は不可）：会話 %2 はゴミ箱にあります。</translation>
    </message>
    <message>
        <source>--download: %1 was not downloaded: %2</source>
        <translation>--download：%1 はダウンロードされませんでした：%2</translation>
    </message>
    <message>
        <source>The saved states of your chats were damaged in the conversation database and were cleared; no message was touched. Each chat reads its text again once when you continue it.</source>
        <translation>会話データベース内のチャットの保存された状態が破損していたため、消去しました。メッセージには触れていません。各チャットは、続けるときにテキストを一度読み直します。</translation>
    </message>
    <message>
        <source>An index of your conversation database was damaged and has been rebuilt; nothing was lost.</source>
        <translation>会話データベースのインデックスの一つが破損していたため、作り直しました。失われたものはありません。</translation>
    </message>
    <message>
        <source>Test hook: press KEYS (for example Tab,Return) in the first start-up problem window once it is shown, in place of a click.</source>
        <translation>テスト用フック：最初の起動時の問題ウィンドウが表示されたら、クリックの代わりに KEYS（例：Tab,Return）を押します。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --startup-keys takes keys such as Tab,Return, not &apos;%1&apos;.</source>
        <translation>rwkv-desktop：--startup-keys には Tab,Return のようなキーを指定してください（&apos;%1&apos; は不可）。</translation>
    </message>
    <message>
        <source>Your conversation database is read-only and an index in it is damaged, so the index cannot be rebuilt. Your chats are listed and can be read (more slowly), but nothing can be changed. Make the file and its folder writable and start again to rebuild it.</source>
        <translation>会話データベースが読み取り専用で、その中のインデックスの一つが破損しているため、インデックスを作り直せません。チャットは一覧に表示され、読むこともできます（動作は遅くなります）が、何も変更できません。作り直すには、ファイルとそのフォルダーを書き込み可能にしてから、もう一度起動してください。</translation>
    </message>
    <message>
        <source>The disk of the data folder %1 is full (a reply needs up to %2): new messages cannot be saved. Free some space, or choose a data folder on another disk in Settings → Folders (used from the next start).</source>
        <translation>データフォルダー %1 のディスクがいっぱいです（応答には最大 %2 必要）：新しいメッセージを保存できません。空き容量を確保するか、設定 → フォルダーで別のディスク上のデータフォルダーを選んでください（次回の起動から使われます）。</translation>
    </message>
    <message>
        <source>Another RWKV Desktop (process %1) uses %2: its window was brought forward.</source>
        <translation>別の RWKV Desktop（プロセス %1）が %2 を使用しています：そのウィンドウを前面に表示しました。</translation>
    </message>
    <message>
        <source>The newest changes to your conversation database could not be read: they are in %1-wal, and its folder is read-only. The chats are shown as they were before them. Copy the folder somewhere writable and choose the copy in Settings → Folders (used from the next start) to see them.</source>
        <translation>会話データベースへの最新の変更を読み取れませんでした：それらは %1-wal にあり、そのフォルダーは読み取り専用です。チャットは変更前の状態で表示されています。変更を見るには、フォルダーを書き込み可能な場所にコピーし、設定 → フォルダーでそのコピーを選んでください（次回の起動から使われます）。</translation>
    </message>
    <message>
        <source>This is not a conversation database.</source>
        <translation>これは会話データベースではありません。</translation>
    </message>
    <message>
        <source>File: %1

It is not a conversation database (it is not an SQLite file), so RWKV Desktop left it as it is. You can start a new library beside it: the file keeps its content and is renamed to %2…, and a new, empty conversation database takes its place. Or quit and move it yourself, or start RWKV Desktop on another folder from a terminal: rwkv-desktop --data-dir FOLDER.</source>
        <translation>ファイル：%1

これは会話データベースではない（SQLite ファイルではない）ため、RWKV Desktop はそのままにしました。その横に新しいライブラリを作ることができます：ファイルは内容を保ったまま %2… に名前が変わり、新しい空の会話データベースがその場所に作られます。または、終了してご自身で移動するか、ターミナルから別のフォルダーで RWKV Desktop を起動してください：rwkv-desktop --data-dir FOLDER。</translation>
    </message>
    <message>
        <source>Start a new library beside it</source>
        <translation>横に新しいライブラリを作る</translation>
    </message>
    <message>
        <source>The file in the conversation database&apos;s place was not one (not an SQLite file). It was moved to %1 as it was, and a new, empty conversation database was started.</source>
        <translation>会話データベースの場所にあったファイルは、会話データベースではありませんでした（SQLite ファイルではありません）。そのまま %1 に移動し、新しい空の会話データベースを作成しました。</translation>
    </message>
    <message numerus="yes">
        <source>Damaged titles: %n chat(s) renamed %1.</source>
        <translation>
            <numerusform>破損したタイトル：%n 件のチャットの名前を %1 に変更しました。</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the quoted titles of a list of chats</comment>
        <translation>、</translation>
    </message>
    <message numerus="yes">
        <source>Your conversation database was damaged. What could be read was recovered into a new one: %n chat(s) back (%1)%2.</source>
        <translation>
            <numerusform>会話データベースが破損していました。読み取れた内容を新しいデータベースに復元しました：%n 件のチャットが戻りました（%1）%2。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n 件のメッセージ</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n chat(s) could not be read.</source>
        <translation>
            <numerusform>%n 件のチャットを読み取れませんでした。</numerusform>
        </translation>
    </message>
    <message>
        <source>The damaged file was moved to %1 (nothing was deleted).</source>
        <translation>破損したファイルは %1 に移動しました（何も削除していません）。</translation>
    </message>
    <message>
        <source>, by title only, empty: the messages could not be read (%1)</source>
        <translation>。ただしタイトルのみで空です：メッセージを読み取れませんでした（%1）</translation>
    </message>
    <message numerus="yes">
        <source>, %n of them by title only, empty: the messages could not be read (%1)</source>
        <translation>
            <numerusform>。うち %n 件はタイトルのみで空です：メッセージを読み取れませんでした（%1）</numerusform>
        </translation>
    </message>
    <message>
        <source>Others may have been lost too: parts of the file could not be read, so how many is not known.</source>
        <translation>ほかにも失われたものがあるかもしれません：ファイルの一部を読み取れなかったため、いくつかはわかりません。</translation>
    </message>
    <message>
        <source>Some chats may have been lost: parts of the file could not be read, so how many is not known.</source>
        <translation>一部のチャットが失われたかもしれません：ファイルの一部を読み取れなかったため、いくつかはわかりません。</translation>
    </message>
    <message>
        <source>Test hook: try to save a reply not saved yet (a full disk, a locked database) every MS milliseconds instead of every 5 seconds.</source>
        <translation>テスト用フック：まだ保存されていない応答（ディスクがいっぱい、データベースがロック中）の保存を、5 秒ごとではなく MS ミリ秒ごとに試みます。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --save-retry-ms must be a whole number of milliseconds from 100 to 60000, not &apos;%1&apos;.</source>
        <translation>rwkv-desktop：--save-retry-ms には 100～60000 の整数のミリ秒数を指定してください（&apos;%1&apos; は不可）。</translation>
    </message>
    <message>
        <source>Serve the local OpenAI-compatible API at http://127.0.0.1:PORT/v1, this time only (otherwise as Settings → Local API server says).</source>
        <translation>ローカルの OpenAI 互換 API を http://127.0.0.1:PORT/v1 で提供します（今回のみ。指定しない場合は設定 → ローカル API サーバーのとおり）。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --api-port must be a port number from %1 to 65535, not &apos;%2&apos;.</source>
        <translation>rwkv-desktop：--api-port には %1～65535 のポート番号を指定してください（&apos;%2&apos; は不可）。</translation>
    </message>
    <message>
        <source>Change a setting at run time, as the Settings page does (repeatable): backend, weightType, threads, samplingPreset, dataDir, language, theme, textSize, apiServer, apiPort, and the Custom preset&apos;s customTemperature, customTopP, customPresencePenalty, customFrequencyPenalty, customPenaltyDecay, customMaxTokens.</source>
        <translation>設定ページと同じように、実行中に設定を変更します（複数指定可）：backend、weightType、threads、samplingPreset、dataDir、language、theme、textSize、apiServer、apiPort、および「カスタム」プリセットの customTemperature、customTopP、customPresencePenalty、customFrequencyPenalty、customPenaltyDecay、customMaxTokens。</translation>
    </message>
</context>
<context>
    <name>rwkv::app</name>
    <message>
        <source>is a file, not a folder</source>
        <translation>フォルダーではなくファイルです</translation>
    </message>
    <message>
        <source>Move or rename that file; the folder is then created.</source>
        <translation>そのファイルを移動するか名前を変更してください。その後フォルダーが作成されます。</translation>
    </message>
    <message>
        <source>cannot be created: “%1” on its path is a file, not a folder</source>
        <translation>作成できません：パス上の「%1」がフォルダーではなくファイルです</translation>
    </message>
    <message>
        <source>a disk mounted read-only</source>
        <translation>読み取り専用でマウントされたディスクです</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>権限がありません</translation>
    </message>
    <message>
        <source>does not exist and cannot be made: the folder above it, “%1”, cannot be written (%2)</source>
        <translation>存在せず、作成もできません：上位のフォルダー「%1」に書き込めません（%2）</translation>
    </message>
    <message>
        <source>Mount that disk writable.</source>
        <translation>そのディスクを書き込み可能でマウントしてください。</translation>
    </message>
    <message>
        <source>Make that folder writable for you, or create this one in it yourself.</source>
        <translation>そのフォルダーを書き込み可能にするか、その中にこのフォルダーをご自身で作成してください。</translation>
    </message>
    <message>
        <source>If it is on a drive, connect the drive; else create the missing folders.</source>
        <translation>ドライブ上にある場合はドライブを接続してください。そうでなければ、足りないフォルダーを作成してください。</translation>
    </message>
    <message>
        <source>could not be created</source>
        <translation>作成できませんでした</translation>
    </message>
    <message>
        <source>Check the disk it is on.</source>
        <translation>そのディスクを確認してください。</translation>
    </message>
    <message>
        <source>holds a folder named %1 where its database file should be</source>
        <translation>データベースファイルがあるべき場所に %1 という名前のフォルダーがあります</translation>
    </message>
    <message>
        <source>Move or rename that folder.</source>
        <translation>そのフォルダーを移動するか名前を変更してください。</translation>
    </message>
    <message>
        <source>holds %1, a link to %2, which does not exist</source>
        <translation>存在しない %2 へのリンク %1 があります</translation>
    </message>
    <message>
        <source>Remove the link, or connect the drive it points to.</source>
        <translation>リンクを削除するか、リンク先のドライブを接続してください。</translation>
    </message>
    <message>
        <source>cannot be written (%1) and holds no conversation database yet</source>
        <translation>書き込めず（%1）、まだ会話データベースもありません</translation>
    </message>
    <message>
        <source>Make the folder writable for you.</source>
        <translation>そのフォルダーを書き込み可能にしてください。</translation>
    </message>
    <message>
        <source>cannot be reached: the folder %1 on its path cannot be entered (permission denied)</source>
        <translation>アクセスできません：パス上のフォルダー %1 に入れません（権限がありません）</translation>
    </message>
    <message>
        <source>Ask the owner of that folder (or an administrator) to let you enter it, or choose another folder.</source>
        <translation>そのフォルダーの所有者（または管理者）に入れるようにしてもらうか、別のフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>does not exist, nor does %1 on its path, and “%2” cannot be written (%3)</source>
        <translation>存在せず、パス上の %1 も存在しません。また「%2」に書き込めません（%3）</translation>
    </message>
    <message>
        <source>cannot be opened (permission denied)</source>
        <translation>開けません（権限がありません）</translation>
    </message>
    <message>
        <source>does not exist, nor does %1 on its path (a drive not connected?)</source>
        <translation>存在せず、パス上の %1 も存在しません（ドライブが接続されていませんか？）</translation>
    </message>
    <message>
        <source>the saved state is damaged: its checksum does not match</source>
        <translation>保存された状態が破損しています：チェックサムが一致しません</translation>
    </message>
    <message>
        <source>the saved state is damaged: it is cut short</source>
        <translation>保存された状態が破損しています：途中で切れています</translation>
    </message>
    <message>
        <source>the saved state is in a format this version does not read</source>
        <translation>保存された状態は、このバージョンでは読み取れない形式です</translation>
    </message>
    <message>
        <source>the saved state is damaged</source>
        <translation>保存された状態が破損しています</translation>
    </message>
    <message>
        <source>the saved state is damaged: the database is damaged where it is kept</source>
        <translation>保存された状態が破損しています：保存先のデータベースが破損しています</translation>
    </message>
    <message>
        <source>the saved state could not be read</source>
        <translation>保存された状態を読み取れませんでした</translation>
    </message>
    <message>
        <source>The state-tuning file %1 cannot be read: %2.</source>
        <translation>ステートチューニングファイル %1 を読み取れません：%2。</translation>
    </message>
    <message>
        <source>%1 is a folder, not a state-tuning file.</source>
        <translation>%1 はフォルダーで、ステートチューニングファイルではありません。</translation>
    </message>
</context>
<context>
    <name>rwkv::app::ApiServer</name>
    <message>
        <source>The local API server is not serving: port %1 (--api-port) is in use by another program. Start again with another port.</source>
        <translation>ローカル API サーバーを開始できません：ポート %1（--api-port）はほかのプログラムが使用中です。別のポートで起動し直してください。</translation>
    </message>
    <message>
        <source>The local API server is not serving: port %1 is in use by another program. Choose another port in Settings.</source>
        <translation>ローカル API サーバーを開始できません：ポート %1 はほかのプログラムが使用中です。設定で別のポートを選んでください。</translation>
    </message>
    <message>
        <source>The local API server is not serving on port %1: %2</source>
        <translation>ローカル API サーバーをポート %1 で開始できません：%2</translation>
    </message>
    <message>
        <source>The local API server is not serving: port %1 (--api-port) is below %2, where the system&apos;s services listen. Start again with a port from %2 to 65535.</source>
        <translation>ローカル API サーバーを開始できません：ポート %1（--api-port）は %2 未満で、システムのサービスが使うポートです。%2 から 65535 のポートで起動し直してください。</translation>
    </message>
    <message>
        <source>The local API server is not serving: port %1 is below %2, where the system&apos;s services listen. Choose a port from %2 to 65535 in Settings.</source>
        <translation>ローカル API サーバーを開始できません：ポート %1 は %2 未満で、システムのサービスが使うポートです。設定で %2 から 65535 のポートを選んでください。</translation>
    </message>
    <message>
        <source>The local API server is not serving: port %1 (--api-port) is refused by the system, as a security policy may keep it from programs like this one. Start again with another port.</source>
        <translation>ローカル API サーバーを開始できません：ポート %1（--api-port）はシステムに拒否されました。セキュリティポリシーがこのようなプログラムに使わせないことがあります。別のポートで起動し直してください。</translation>
    </message>
    <message>
        <source>The local API server is not serving: port %1 is refused by the system, as a security policy may keep it from programs like this one. Choose another port in Settings.</source>
        <translation>ローカル API サーバーを開始できません：ポート %1 はシステムに拒否されました。セキュリティポリシーがこのようなプログラムに使わせないことがあります。設定で別のポートを選んでください。</translation>
    </message>
</context>
<context>
    <name>rwkv::app::AppSettings</name>
    <message>
        <source>read-only file system</source>
        <translation>読み取り専用のファイルシステム</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>権限がありません</translation>
    </message>
</context>
<context>
    <name>rwkv::app::BundleImportController</name>
    <message>
        <source>size unknown</source>
        <translation>サイズ不明</translation>
    </message>
    <message>
        <source>Cannot read “%1”: %2</source>
        <translation>「%1」を読み取れません：%2</translation>
    </message>
    <message>
        <source>“%1” was not imported: %2</source>
        <translation>「%1」はインポートされませんでした：%2</translation>
    </message>
    <message>
        <source>Imported “%1” (1 message).</source>
        <translation>「%1」をインポートしました（1 件のメッセージ）。</translation>
    </message>
    <message>
        <source>Imported “%1” (%2 messages).</source>
        <translation>「%1」をインポートしました（%2 件のメッセージ）。</translation>
    </message>
    <message>
        <source>It was made with %1, which is in your models folder: load it to continue where it left off.</source>
        <translation>これは %1 で作られました。このモデルはモデルフォルダーにあります：読み込むと続きから再開できます。</translation>
    </message>
    <message>
        <source>It was made with %1, which is not here and not in the model catalog.</source>
        <translation>これは %1 で作られましたが、このモデルはここにもモデルカタログにもありません。</translation>
    </message>
    <message>
        <source>Downloading %1 — see Models for progress; it loads when it is verified.</source>
        <translation>%1 をダウンロード中 — 進行状況は「モデル」で確認できます。検証後に読み込まれます。</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation>%1（コピー）</translation>
    </message>
    <message>
        <source>“%1” is a model file (%2), not a conversation: nothing was imported. Open models with the model button (top right) or on the Models page.</source>
        <translation>「%1」は会話ではなくモデルファイル（%2）です：何もインポートされませんでした。モデルはモデルボタン（右上）または「モデル」ページで開いてください。</translation>
    </message>
    <message>
        <source>“%1” is neither a conversation bundle (.rwkvchat) nor a JSON export: nothing was imported.</source>
        <translation>「%1」は会話バンドル（.rwkvchat）でも JSON エクスポートでもありません：何もインポートされませんでした。</translation>
    </message>
    <message>
        <source>Nothing was exported: that conversation is no longer in your library.</source>
        <translation>何もエクスポートされませんでした：その会話はもうライブラリにありません。</translation>
    </message>
    <message>
        <source>Nothing was exported: “%1” is a conversation database, which an export never replaces. Choose another name.</source>
        <translation>何もエクスポートされませんでした：「%1」は会話データベースであり、エクスポートで置き換えることはありません。別の名前を選んでください。</translation>
    </message>
    <message>
        <source>“%1” was not exported: %2</source>
        <translation>「%1」はエクスポートされませんでした：%2</translation>
    </message>
    <message>
        <source>Saved “%1” as Markdown: %2</source>
        <translation>「%1」を Markdown として保存しました：%2</translation>
    </message>
    <message>
        <source>Saved “%1” as a JSON export: %2</source>
        <translation>「%1」を JSON エクスポートとして保存しました：%2</translation>
    </message>
    <message>
        <source>Saved “%1” as a conversation bundle, to continue it elsewhere with Import…: %2</source>
        <translation>「%1」を会話バンドルとして保存しました。ほかの場所で「インポート…」から続けられます：%2</translation>
    </message>
    <message>
        <source>Could not write “%1”: %2. Nothing was written.</source>
        <translation>「%1」に書き込めませんでした：%2。何も書き込まれていません。</translation>
    </message>
    <message>
        <source>the disk is full or the file cannot grow (%1 needed, %2 free)</source>
        <translation>ディスクがいっぱいか、ファイルを大きくできません（%1 必要、空き %2）</translation>
    </message>
    <message>
        <source>Could not write “%1”: there is no folder “%2”. Nothing was written.</source>
        <translation>「%1」に書き込めませんでした：フォルダー「%2」がありません。何も書き込まれていません。</translation>
    </message>
    <message>
        <source>Importing “%1”…</source>
        <translation>「%1」をインポート中…</translation>
    </message>
    <message>
        <source>“%1” is already in your library (this file was exported from it or imported before): opened it.</source>
        <translation>「%1」はすでにライブラリにあります（このファイルはライブラリからエクスポートされたか、以前にインポートされました）：それを開きました。</translation>
    </message>
    <message>
        <source>Its title was cut to its first %1 characters.</source>
        <translation>タイトルは最初の %1 文字に切り詰めました。</translation>
    </message>
    <message>
        <source>Could not write “%1”: the name is too long (%2 bytes of UTF-8, where a file name may have at most %3). Choose a shorter name. Nothing was written.</source>
        <translation>「%1」に書き込めませんでした：名前が長すぎます（UTF-8 で %2 バイト、ファイル名は最大 %3 バイト）。短い名前を選んでください。何も書き込まれていません。</translation>
    </message>
    <message>
        <source>Next: %1.</source>
        <translation>次：%1。</translation>
    </message>
    <message>
        <source>It was made with %1, which is not on this computer: Models downloads it.</source>
        <translation>これは %1 で作られましたが、このコンピューターにはありません：「モデル」でダウンロードできます。</translation>
    </message>
    <message>
        <source>It was made with %1, the demo model that comes with the app: choose Use on its row in Models → On this computer to continue where it left off.</source>
        <translation>これはアプリに付属するデモモデル %1 で作られました：続きから再開するには、モデル → このコンピューター上 でその行の「使用」を選んでください。</translation>
    </message>
    <message>
        <source>“%1” is already in your library (this file was exported from it or imported before).</source>
        <translation>「%1」はすでにライブラリにあります（このファイルはライブラリからエクスポートされたか、以前にインポートされました）。</translation>
    </message>
    <message>
        <source>Its saved state was damaged and was left out: the chat reads its text again the first time you continue it.</source>
        <translation>保存された状態が破損していたため除外しました：チャットは最初に続けるときにテキストを読み直します。</translation>
    </message>
    <message>
        <source>Its saved state is in a form this version cannot read (perhaps made by a newer RWKV Desktop) and was left out: the chat reads its text again the first time you continue it.</source>
        <translation>保存された状態がこのバージョンでは読み取れない形式のため（新しい RWKV Desktop で作られた可能性があります）、除外しました：チャットは最初に続けるときにテキストを読み直します。</translation>
    </message>
    <message>
        <source>It had no saved state: this file&apos;s was added.</source>
        <translation>保存された状態がなかったため、このファイルのものを追加しました。</translation>
    </message>
    <message>
        <source>This file&apos;s saved state is in a form this version cannot read (perhaps made by a newer RWKV Desktop); the chat in your library is unchanged.</source>
        <translation>このファイルの保存された状態は、このバージョンでは読み取れない形式です（新しい RWKV Desktop で作られた可能性があります）。ライブラリのチャットは変更されていません。</translation>
    </message>
    <message>
        <source>This file&apos;s saved state is damaged; the chat in your library is unchanged.</source>
        <translation>このファイルの保存された状態は破損しています。ライブラリのチャットは変更されていません。</translation>
    </message>
    <message>
        <source>“%1” is neither a conversation bundle (.rwkvchat) nor a JSON export: it is %2. Nothing was imported.</source>
        <translation>「%1」は会話バンドル（.rwkvchat）でも JSON エクスポートでもなく、%2 です。何もインポートされませんでした。</translation>
    </message>
    <message>
        <source>Its starting state %1 was damaged and was left out: choose that state-tuning file again (⋯ → Starting state…) when the chat asks for it.</source>
        <translation>開始状態 %1 が破損していたため除外しました：チャットが求めたら、そのステートチューニングファイルを選び直してください（⋯ → 開始状態…）。</translation>
    </message>
    <message>
        <source>Its starting state %1 could not be read: this file&apos;s was added.</source>
        <translation>開始状態 %1 を読み込めなかったため、このファイルのものを追加しました。</translation>
    </message>
    <message>
        <source>It is in a new folder, “%1”.</source>
        <translation>新しいフォルダー「%1」に入れました。</translation>
    </message>
    <message>
        <source>It is in the folder “%1”.</source>
        <translation>フォルダー「%1」に入れました。</translation>
    </message>
    <message>
        <source>Its folder “%1” could not be made here, so it is in no folder: %2</source>
        <translation>フォルダー「%1」をここでは作成できないため、どのフォルダーにも入れていません：%2</translation>
    </message>
</context>
<context>
    <name>rwkv::app::ChatController</name>
    <message>
        <source>New chat</source>
        <translation>新しいチャット</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 を読み込み中…</translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation>モデルが読み込まれていません</translation>
    </message>
    <message>
        <source>Load a model before sending a message.</source>
        <translation>メッセージを送信する前にモデルを読み込んでください。</translation>
    </message>
    <message>
        <source>The model is still loading. Please wait a moment.</source>
        <translation>モデルはまだ読み込み中です。少しお待ちください。</translation>
    </message>
    <message>
        <source>A reply is still being written. Wait for it or press Stop.</source>
        <translation>応答をまだ書いています。終わるのを待つか「停止」を押してください。</translation>
    </message>
    <message>
        <source>The message is empty. Type something before sending.</source>
        <translation>メッセージが空です。何か入力してから送信してください。</translation>
    </message>
    <message>
        <source>Could not create the conversation: %1</source>
        <translation>会話を作成できませんでした：%1</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>考え中…</translation>
    </message>
    <message>
        <source>That conversation no longer exists.</source>
        <translation>その会話はもう存在しません。</translation>
    </message>
    <message>
        <source>A conversation needs a title.</source>
        <translation>会話にはタイトルが必要です。</translation>
    </message>
    <message>
        <source>Could not rename the conversation: %1</source>
        <translation>会話の名前を変更できませんでした：%1</translation>
    </message>
    <message>
        <source>Could not delete the conversation: %1</source>
        <translation>会話を削除できませんでした：%1</translation>
    </message>
    <message>
        <source>Stop the reply before changing the model.</source>
        <translation>モデルを変更する前に応答を停止してください。</translation>
    </message>
    <message>
        <source>A model is already loading. Please wait a moment.</source>
        <translation>すでにモデルを読み込み中です。少しお待ちください。</translation>
    </message>
    <message>
        <source>The model file “%1” does not exist.</source>
        <translation>モデルファイル「%1」は存在しません。</translation>
    </message>
    <message>
        <source>Could not read the conversations: %1</source>
        <translation>会話を読み取れませんでした：%1</translation>
    </message>
    <message>
        <source>Could not read the messages: %1</source>
        <translation>メッセージを読み取れませんでした：%1</translation>
    </message>
    <message>
        <source>Could not load “%1”: %2. Still using %3.</source>
        <translation>「%1」を読み込めませんでした：%2。引き続き %3 を使用します。</translation>
    </message>
    <message>
        <source>Could not load “%1”: %2</source>
        <translation>「%1」を読み込めませんでした：%2</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>書いています…</translation>
    </message>
    <message>
        <source>The reply failed: %1</source>
        <translation>応答に失敗しました：%1</translation>
    </message>
    <message>
        <source>Stopped before the reply began</source>
        <translation>応答が始まる前に停止しました</translation>
    </message>
    <message>
        <source>%1 tokens at %2 tok/s</source>
        <translation>%1 token、%2 token/秒</translation>
    </message>
    <message>
        <source>new conversation, read %1 tokens</source>
        <translation>新しい会話、%1 token を読み取り</translation>
    </message>
    <message>
        <source>resumed from saved state, read %1 new tokens</source>
        <translation>保存された状態から再開、新しい %1 token を読み取り</translation>
    </message>
    <message>
        <source>re-read %1 tokens (%2)</source>
        <translation>%1 token を読み直し（%2）</translation>
    </message>
    <message>
        <source>also read the %1 unanswered questions above</source>
        <translation>上の未回答の質問 %1 件も読み取り</translation>
    </message>
    <message>
        <source>also read the unanswered question above</source>
        <translation>上の未回答の質問も読み取り</translation>
    </message>
    <message>
        <source>Stopped · %1</source>
        <translation>停止 · %1</translation>
    </message>
    <message>
        <source>too little disk space: the state was not saved, the next reply re-reads the conversation</source>
        <translation>ディスクの空きが不足：状態は保存されず、次の応答では会話を読み直します</translation>
    </message>
    <message numerus="yes">
        <source>too little disk space: %n saved state(s) of this and other chats dropped to make room for the text, and this reply&apos;s state was not saved either; a chat without one re-reads its text when continued</source>
        <translation>
            <numerusform>ディスクの空きが不足：テキストの場所を空けるため、このチャットとほかのチャットの保存された状態 %n 件を削除し、この応答の状態も保存されませんでした。状態のないチャットは、続けるときにテキストを読み直します</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>too little disk space: %n saved state(s) of this and other chats dropped to make room for the text; a chat without one re-reads its text when continued</source>
        <translation>
            <numerusform>ディスクの空きが不足：テキストの場所を空けるため、このチャットとほかのチャットの保存された状態 %n 件を削除しました。状態のないチャットは、続けるときにテキストを読み直します</numerusform>
        </translation>
    </message>
    <message>
        <source>too little disk space: state not saved</source>
        <translation>ディスクの空きが不足：状態は未保存</translation>
    </message>
    <message>
        <source>database damaged: state not saved</source>
        <translation>データベースが破損：状態は未保存</translation>
    </message>
    <message numerus="yes">
        <source>too little disk space: %n saved state(s) dropped</source>
        <translation>
            <numerusform>ディスクの空きが不足：保存された状態 %n 件を削除</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>too little disk space: %n saved state(s) dropped, this reply&apos;s not saved</source>
        <translation>
            <numerusform>ディスクの空きが不足：保存された状態 %n 件を削除、この応答の状態は未保存</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” is a folder, not a model file.</source>
        <translation>「%1」はモデルファイルではなくフォルダーです。</translation>
    </message>
    <message>
        <source>The model file “%1” is a link that points to itself (too many levels of symbolic links), so it names no file. Point it at the model file, or choose the file itself.</source>
        <translation>モデルファイル「%1」は自分自身を指すリンクです（シンボリックリンクの階層が多すぎます）。そのため、どのファイルも指していません。モデルファイルを指すようにするか、ファイルそのものを選んでください。</translation>
    </message>
    <message>
        <source>byte tokenizer</source>
        <translation>バイトトークナイザー</translation>
    </message>
    <message>
        <source>World tokenizer</source>
        <translation>World トークナイザー</translation>
    </message>
    <message>
        <source>%1 tokenizer</source>
        <translation>%1 トークナイザー</translation>
    </message>
    <message>
        <source>Writing another reply…</source>
        <translation>別の応答を書いています…</translation>
    </message>
    <message>
        <source>Wait for the reply (or press Stop) before switching branches.</source>
        <translation>ブランチを切り替える前に、応答を待ってください（または「停止」を押してください）。</translation>
    </message>
    <message>
        <source>The conversation library is read-only, so new messages cannot be saved. Make %1 and its folder writable, then restart RWKV Desktop.</source>
        <translation>会話ライブラリは読み取り専用のため、新しいメッセージを保存できません。%1 とそのフォルダーを書き込み可能にしてから、RWKV Desktop を再起動してください。</translation>
    </message>
    <message>
        <source>The conversation library opened read-only because %1 cannot be written now (%2), so new messages cannot be saved. Free some space on its disk, then restart RWKV Desktop.</source>
        <translation>%1 に現在書き込めないため（%2）、会話ライブラリは読み取り専用で開かれました。新しいメッセージは保存できません。ディスクの空き容量を確保してから、RWKV Desktop を再起動してください。</translation>
    </message>
    <message>
        <source>Your message will be sent as soon as %1 has loaded.</source>
        <translation>%1 の読み込みが終わるとすぐにメッセージを送信します。</translation>
    </message>
    <message>
        <source>Your message was not sent: it is still in the message box.</source>
        <translation>メッセージは送信されませんでした：まだメッセージ欄にあります。</translation>
    </message>
    <message>
        <source>There is no sampling preset named “%1”.</source>
        <translation>「%1」という名前のサンプリングプリセットはありません。</translation>
    </message>
    <message>
        <source>Could not change the sampling preset: %1</source>
        <translation>サンプリングプリセットを変更できませんでした：%1</translation>
    </message>
    <message>
        <source>Your message was not sent: it is back in the message box.</source>
        <translation>メッセージは送信されませんでした：メッセージ欄に戻しました。</translation>
    </message>
    <message>
        <source>Reading the conversation… %1 / %2 tokens</source>
        <translation>会話を読み取り中… %1 / %2 token</translation>
    </message>
    <message>
        <source>Reading the prompt… %1%</source>
        <translation>プロンプトを読み取り中… %1%</translation>
    </message>
    <message>
        <source>Chat “%1” is damaged: %2 of its messages could not be read as they were saved and are shown as well as they can be (one whose kind is unreadable as yours). You can still read, continue, export or delete this chat.</source>
        <translation>チャット「%1」は破損しています：メッセージのうち %2 件を保存されたとおりに読み取れなかったため、できる限りの形で表示しています（種類が読み取れないものはあなたのメッセージとして表示）。このチャットは引き続き閲覧、続行、エクスポート、削除できます。</translation>
    </message>
    <message>
        <source>There is room again: the reply is saved.</source>
        <translation>空きができました：応答は保存されました。</translation>
    </message>
    <message>
        <source>This reply is not saved yet: the disk holding the conversation database %1 is full.</source>
        <translation>この応答はまだ保存されていません：会話データベース %1 のあるディスクがいっぱいです。</translation>
    </message>
    <message>
        <source>It stays on screen and is saved by itself as soon as there is room (tried again every few seconds and at the next message); closing the window before that asks first. Copy it now if you cannot free space.</source>
        <translation>応答は画面に表示されたままで、空きができ次第自動的に保存されます（数秒ごとと次のメッセージのときに再試行します）。それより前にウィンドウを閉じる場合は確認します。空き容量を確保できない場合は、今コピーしてください。</translation>
    </message>
    <message>
        <source>Chat “%1” is damaged: the order of its messages loops (a message is saved as a reply to one of its own replies), so it is shown from where the loop closes, each message once. Nothing was changed or deleted. You can still read, continue, export or delete this chat.</source>
        <translation>チャット「%1」は破損しています：メッセージの順序がループしています（あるメッセージが自分の応答への応答として保存されています）。そのため、ループが閉じるところから各メッセージを一度ずつ表示しています。何も変更・削除していません。このチャットは引き続き閲覧、続行、エクスポート、削除できます。</translation>
    </message>
    <message>
        <source>Chat “%1” is damaged: a message is saved as a reply to a message that does not exist, so it is shown as a first message; the chat&apos;s other first messages are its other versions (‹ ›). Nothing was changed or deleted. You can still read, continue, export or delete this chat.</source>
        <translation>チャット「%1」は破損しています：あるメッセージが存在しないメッセージへの応答として保存されているため、最初のメッセージとして表示しています。このチャットのほかの最初のメッセージは、その別バージョンです（‹ ›）。何も変更・削除していません。このチャットは引き続き閲覧、続行、エクスポート、削除できます。</translation>
    </message>
    <message>
        <source>The other program let go of the conversation database: the reply is saved.</source>
        <translation>ほかのプログラムが会話データベースを解放しました：応答は保存されました。</translation>
    </message>
    <message>
        <source>This reply is not saved yet: another program is using the conversation database %1.</source>
        <translation>この応答はまだ保存されていません：ほかのプログラムが会話データベース %1 を使用しています。</translation>
    </message>
    <message>
        <source>It stays on screen and is saved by itself as soon as that program lets go of the database (tried again every few seconds and at the next message); closing the window before that asks first. Copy it now if you cannot close that program.</source>
        <translation>応答は画面に表示されたままで、そのプログラムがデータベースを解放し次第自動的に保存されます（数秒ごとと次のメッセージのときに再試行します）。それより前にウィンドウを閉じる場合は確認します。そのプログラムを閉じられない場合は、今コピーしてください。</translation>
    </message>
    <message>
        <source>The model file cannot be loaded: %1.</source>
        <translation>モデルファイルを読み込めません：%1。</translation>
    </message>
    <message>
        <source>Another program is using the conversation database %1, so the new chat was not started.</source>
        <translation>ほかのプログラムが会話データベース %1 を使用しているため、新しいチャットは開始されませんでした。</translation>
    </message>
    <message>
        <source>Another program is using the conversation database %1, so the chat was not renamed: it keeps the name “%2”. Try again once that program lets go of the database.</source>
        <translation>ほかのプログラムが会話データベース %1 を使用しているため、チャットの名前は変更されませんでした：名前は「%2」のままです。そのプログラムがデータベースを解放したら、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Another program is using the conversation database %1, so the chat “%2” was not moved to the trash: it is kept as it was. Try again once that program lets go of the database.</source>
        <translation>ほかのプログラムが会話データベース %1 を使用しているため、チャット「%2」はゴミ箱に移動されませんでした：そのまま残っています。そのプログラムがデータベースを解放したら、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Saving the reply before closing…</source>
        <translation>閉じる前に応答を保存しています…</translation>
    </message>
    <message>
        <source>The model file “%1” does not exist any more, so the changed settings were not applied: %2 stays in use as it was loaded. They apply when you choose a model.</source>
        <translation>モデルファイル「%1」がもう存在しないため、変更した設定は適用されませんでした：%2 は読み込まれたまま使用されます。設定はモデルを選んだときに適用されます。</translation>
    </message>
    <message>
        <source>The model file “%1” does not exist. Still using %2.</source>
        <translation>モデルファイル「%1」は存在しません。引き続き %2 を使用します。</translation>
    </message>
    <message>
        <source>Could not load “%1” again with the changed settings: %2. It stays in use as it was loaded.</source>
        <translation>変更した設定で「%1」を読み込み直せませんでした：%2。読み込まれたまま使用されます。</translation>
    </message>
    <message>
        <source>The model file “%1” cannot be opened by its name: the name, or a folder&apos;s on its path, has bytes that are not UTF-8 text (shown as �). Rename it to open it here.</source>
        <translation>モデルファイル「%1」は名前で開けません：名前またはパス上のフォルダー名に、UTF-8 テキストではないバイトがあります（� と表示）。ここで開くには名前を変更してください。</translation>
    </message>
    <message>
        <source>Still using %1.</source>
        <translation>引き続き %1 を使用します。</translation>
    </message>
    <message numerus="yes">
        <source>about %n s left</source>
        <translation>
            <numerusform>残り約 %n 秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n min left</source>
        <translation>
            <numerusform>残り約 %n 分</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 tok/s</source>
        <translation>%1 token/秒</translation>
    </message>
    <message>
        <source>Your message and the reply were saved, but the reply&apos;s state could not be written: the conversation database %1 is damaged. Nothing was lost: the next reply re-reads this conversation from its text. RWKV Desktop checks the file when it starts again: damaged saved states are cleared then, and a file it cannot read is named, with the offer to move it aside and start fresh.</source>
        <translation>メッセージと応答は保存されましたが、応答の状態を書き込めませんでした：会話データベース %1 が破損しています。失われたものはありません：次の応答ではこの会話をテキストから読み直します。RWKV Desktop は次の起動時にファイルを確認します：破損した保存済みの状態はそのとき消去され、読み取れないファイルは名前を示して、別の場所に移して新しく始めるよう提案します。</translation>
    </message>
    <message>
        <source>database damaged: the state was not saved, the next reply re-reads the conversation</source>
        <translation>データベースが破損：状態は保存されず、次の応答では会話を読み直します</translation>
    </message>
    <message>
        <source>A reply is being written in “%1”. Send once it has ended, or stop it there; your message stays in the box.</source>
        <translation>「%1」で応答を書いています。終わってから送信するか、そちらで停止してください。メッセージは入力欄に残ります。</translation>
    </message>
    <message>
        <source>Stop the reply before deleting “%1”.</source>
        <translation>「%1」を削除する前に応答を停止してください。</translation>
    </message>
    <message>
        <source>A reply is being written in “%1”. Stop it there before deleting that conversation.</source>
        <translation>「%1」で応答を書いています。その会話を削除する前に、そちらで停止してください。</translation>
    </message>
    <message>
        <source>Your message could not be saved: %1</source>
        <translation>メッセージを保存できませんでした：%1</translation>
    </message>
    <message>
        <source>This chat was deleted by another program; your message is back in the box.</source>
        <translation>このチャットはほかのプログラムによって削除されました。メッセージは入力欄に戻しました。</translation>
    </message>
    <message>
        <source>The reply in “%1” could not be saved: that conversation was deleted by another program.</source>
        <translation>「%1」の応答を保存できませんでした：その会話はほかのプログラムによって削除されました。</translation>
    </message>
    <message>
        <source>The reply in “%1” failed: %2</source>
        <translation>「%1」の応答に失敗しました：%2</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>The reply in “%1” is not saved yet: another program is using the conversation database %2.</source>
        <translation>「%1」の応答はまだ保存されていません：ほかのプログラムが会話データベース %2 を使用しています。</translation>
    </message>
    <message>
        <source>The reply in “%1” is not saved yet: the disk holding the conversation database %2 is full.</source>
        <translation>「%1」の応答はまだ保存されていません：会話データベース %2 のあるディスクがいっぱいです。</translation>
    </message>
    <message>
        <source>The other program let go of the conversation database: the reply in “%1” is saved.</source>
        <translation>ほかのプログラムが会話データベースを解放しました：「%1」の応答は保存されました。</translation>
    </message>
    <message>
        <source>There is room again: the reply in “%1” is saved.</source>
        <translation>空きができました：「%1」の応答は保存されました。</translation>
    </message>
    <message>
        <source>This reply is not saved yet: the conversation database %1 could not be written.</source>
        <translation>この応答はまだ保存されていません：会話データベース %1 に書き込めませんでした。</translation>
    </message>
    <message>
        <source>The reply in “%1” is not saved yet: the conversation database %2 could not be written.</source>
        <translation>「%1」の応答はまだ保存されていません：会話データベース %2 に書き込めませんでした。</translation>
    </message>
    <message>
        <source>It stays on screen and is saved by itself as soon as the file can be written again (tried again every few seconds and at the next message); closing the window before that asks first. Copy it now if the disk or the file stays unwritable.</source>
        <translation>応答は画面に表示されたままで、ファイルに再び書き込めるようになり次第自動的に保存されます（数秒ごとと次のメッセージのときに再試行します）。それより前にウィンドウを閉じる場合は確認します。ディスクやファイルに書き込めないままの場合は、今コピーしてください。</translation>
    </message>
    <message>
        <source>The reply in “%1” is saved.</source>
        <translation>「%1」の応答は保存されました。</translation>
    </message>
    <message>
        <source>The reply is saved.</source>
        <translation>応答は保存されました。</translation>
    </message>
    <message>
        <source>another reply to the first question, read %1 tokens</source>
        <translation>最初の質問への別の応答、%1 token を読み取り</translation>
    </message>
    <message>
        <source>first question edited, read %1 tokens</source>
        <translation>最初の質問を編集、%1 token を読み取り</translation>
    </message>
    <message>
        <source>Stop the reply before changing the instructions of “%1”.</source>
        <translation>「%1」の指示を変更する前に応答を停止してください。</translation>
    </message>
    <message>
        <source>A reply is being written in “%1”. Stop it there before changing its instructions.</source>
        <translation>「%1」で応答を書いています。指示を変更する前に、そちらで停止してください。</translation>
    </message>
    <message>
        <source>Another program is using the conversation database %1, so the instructions of “%2” were not changed. Try again once that program lets go of the database.</source>
        <translation>ほかのプログラムが会話データベース %1 を使用しているため、「%2」の指示は変更されませんでした。そのプログラムがデータベースを解放したら、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Could not change the instructions: %1</source>
        <translation>指示を変更できませんでした：%1</translation>
    </message>
    <message>
        <source>Instructions hold at most %L1 characters; these have %L2. They were not changed.</source>
        <translation>指示は最大 %L1 文字です。この指示は %L2 文字あります。指示は変更されていません。</translation>
    </message>
    <message>
        <source>Stop the reply before changing the starting state of “%1”.</source>
        <translation>「%1」の開始状態を変更する前に応答を停止してください。</translation>
    </message>
    <message>
        <source>A reply is being written in “%1”. Stop it there before changing its starting state.</source>
        <translation>「%1」で応答を書いています。開始状態を変更する前に、そちらで停止してください。</translation>
    </message>
    <message>
        <source>%1 cannot be a starting state: %2</source>
        <translation>%1 は開始状態にできません：%2</translation>
    </message>
    <message>
        <source>Could not change the starting state: %1</source>
        <translation>開始状態を変更できませんでした：%1</translation>
    </message>
    <message>
        <source>read from the start, %1 tokens</source>
        <translation>最初から読み取り、%1 token</translation>
    </message>
    <message>
        <source>From here: %1</source>
        <translation>ここから：%1</translation>
    </message>
    <message>
        <source>Another program is using the conversation database %1, so no new chat was made. Try again once that program lets go of the database.</source>
        <translation>ほかのプログラムが会話データベース %1 を使用しているため、新しいチャットは作成されませんでした。そのプログラムがデータベースを解放したら、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Could not make a new chat from here: %1</source>
        <translation>ここから新しいチャットを作成できませんでした：%1</translation>
    </message>
    <message>
        <source>%1, from the starting state %2</source>
        <translation>%1、開始状態 %2 から</translation>
    </message>
    <message>
        <source>RWKV Desktop is freeing the space used by saved states (Settings → Folders); try again once it has finished.</source>
        <translation>RWKV Desktop が保存された状態の領域を解放しています（設定 → フォルダー）。終わってからもう一度お試しください。</translation>
    </message>
    <message>
        <source>Continuing the reply…</source>
        <translation>応答の続きを書いています…</translation>
    </message>
    <message>
        <source>the first reply continued, read %1 tokens</source>
        <translation>最初の応答の続きを生成、%1 token を読み取り</translation>
    </message>
    <message>
        <source>Writing %1 replies…</source>
        <translation>%1 件の応答を書いています…</translation>
    </message>
    <message>
        <source>Waiting for a Local API request to finish…</source>
        <translation>ローカル API のリクエストが終わるのを待っています…</translation>
    </message>
    <message>
        <source>A reply in “%1” is waiting for a Local API request. Send once it has ended, or stop it there; your message stays in the box.</source>
        <translation>「%1」の応答はローカル API のリクエストを待っています。終わってから送信するか、そちらで停止してください。メッセージは入力欄に残ります。</translation>
    </message>
    <message numerus="yes">
        <source>about %n h left</source>
        <translation>
            <numerusform>残り約 %n 時間</numerusform>
        </translation>
    </message>
    <message>
        <source>Reply %1 of %2 is not saved yet: the conversation database %3 could not be written.</source>
        <translation>%2 件中 %1 件目の応答はまだ保存されていません：会話データベース %3 に書き込めませんでした。</translation>
    </message>
    <message>
        <source>Replies %1 of %2 are not saved yet: the conversation database %3 could not be written.</source>
        <translation>%2 件中 %1 件目の応答はまだ保存されていません：会話データベース %3 に書き込めませんでした。</translation>
    </message>
    <message>
        <source>They stay on screen and are saved by themselves as soon as the file can be written again (tried again every few seconds and at the next message); closing the window before that asks first. Copy them now if the disk or the file stays unwritable.</source>
        <translation>これらの応答は画面に表示されたままで、ファイルに再び書き込めるようになり次第自動的に保存されます（数秒ごとと次のメッセージのときに再試行します）。それより前にウィンドウを閉じる場合は確認します。ディスクやファイルに書き込めないままの場合は、今コピーしてください。</translation>
    </message>
    <message>
        <source>Reply %1 of %2 is not saved yet: another program is using the conversation database %3.</source>
        <translation>%2 件中 %1 件目の応答はまだ保存されていません：ほかのプログラムが会話データベース %3 を使用しています。</translation>
    </message>
    <message>
        <source>Replies %1 of %2 are not saved yet: another program is using the conversation database %3.</source>
        <translation>%2 件中 %1 件目の応答はまだ保存されていません：ほかのプログラムが会話データベース %3 を使用しています。</translation>
    </message>
    <message>
        <source>They stay on screen and are saved by themselves as soon as that program lets go of the database (tried again every few seconds and at the next message); closing the window before that asks first. Copy them now if you cannot close that program.</source>
        <translation>これらの応答は画面に表示されたままで、そのプログラムがデータベースを解放し次第自動的に保存されます（数秒ごとと次のメッセージのときに再試行します）。それより前にウィンドウを閉じる場合は確認します。そのプログラムを閉じられない場合は、今コピーしてください。</translation>
    </message>
    <message>
        <source>Reply %1 of %2 is not saved yet: the disk holding the conversation database %3 is full.</source>
        <translation>%2 件中 %1 件目の応答はまだ保存されていません：会話データベース %3 のあるディスクがいっぱいです。</translation>
    </message>
    <message>
        <source>Replies %1 of %2 are not saved yet: the disk holding the conversation database %3 is full.</source>
        <translation>%2 件中 %1 件目の応答はまだ保存されていません：会話データベース %3 のあるディスクがいっぱいです。</translation>
    </message>
    <message>
        <source>They stay on screen and are saved by themselves as soon as there is room (tried again every few seconds and at the next message); closing the window before that asks first. Copy them now if you cannot free space.</source>
        <translation>これらの応答は画面に表示されたままで、空きができ次第自動的に保存されます（数秒ごとと次のメッセージのときに再試行します）。それより前にウィンドウを閉じる場合は確認します。空き容量を確保できない場合は、今コピーしてください。</translation>
    </message>
    <message>
        <source>The reply could not be saved: the conversation database %1 is damaged. Your message was saved, but of the reply only the start saved while it was written is kept, marked Unfinished: copy the reply on screen if you need it. When RWKV Desktop starts again it checks the whole file: it mends what it can without losing anything, or else offers to recover the chats that can still be read.</source>
        <translation>応答を保存できませんでした：会話データベース %1 が破損しています。メッセージは保存されましたが、応答は書いている間に保存された最初の部分だけが「未完了」として残っています。必要なら画面上の応答をコピーしてください。RWKV Desktop は次の起動時にファイル全体を確認します：何も失わずに直せるものは直し、そうでなければまだ読み取れるチャットの復元を提案します。</translation>
    </message>
    <message>
        <source>Reply %1 of %2:</source>
        <translation>%2 件中 %1 件目の応答：</translation>
    </message>
    <message>
        <source>If you quit now, it is lost.</source>
        <translation>今終了すると失われます。</translation>
    </message>
    <message>
        <source>If you quit now, %1 of its %2 characters are lost, and the database keeps the first %3, saved before, as an unfinished reply.</source>
        <translation>今終了すると、%2 文字のうち %1 文字が失われます。先に保存された最初の %3 文字は、データベースに未完了の応答として残ります。</translation>
    </message>
    <message>
        <source>If you quit now, %1 of the %2 characters of its %3 versions are lost, and the database keeps the other %4, each version&apos;s first ones saved before, as unfinished versions.</source>
        <translation>今終了すると、%3 つのバージョンの %2 文字のうち %1 文字が失われます。残りの %4 文字（各バージョンの先に保存された最初の部分）は、データベースに未完了のバージョンとして残ります。</translation>
    </message>
    <message>
        <source>The conversation database %1 could not be written, so the last reply is not saved. %2 Check the disk and the file, then click Try again, or copy the reply to keep it elsewhere.</source>
        <translation>会話データベース %1 に書き込めなかったため、最後の応答は保存されていません。%2ディスクとファイルを確認してから「再試行」をクリックするか、応答をコピーしてほかの場所に残してください。</translation>
    </message>
    <message>
        <source>Another program is using the conversation database %1, so the last reply is not saved. %2 Close that program and click Try again, or copy the reply to keep it elsewhere.</source>
        <translation>ほかのプログラムが会話データベース %1 を使用しているため、最後の応答は保存されていません。%2そのプログラムを閉じて「再試行」をクリックするか、応答をコピーしてほかの場所に残してください。</translation>
    </message>
    <message>
        <source>The disk holding the conversation database %1 is full, so the last reply is not saved. %2 Free some space and click Try again, or copy the reply to keep it elsewhere.</source>
        <translation>会話データベース %1 のあるディスクがいっぱいのため、最後の応答は保存されていません。%2空き容量を確保して「再試行」をクリックするか、応答をコピーしてほかの場所に残してください。</translation>
    </message>
    <message>
        <source>Instructions hold at most %L1 characters, an emoji, a flag or some accented letters counting as 2 or more; these have %L2 counted so (%L3 as you read them). They were not changed.</source>
        <translation>指示は最大 %L1 文字です（絵文字、国旗、一部のアクセント付きの文字は 2 文字以上に数えます）。そう数えると、この指示は %L2 文字あります（見た目では %L3 文字）。指示は変更されていません。</translation>
    </message>
</context>
<context>
    <name>rwkv::app::ChatSession</name>
    <message>
        <source>the cut-off reply is read again as text</source>
        <translation>途中で切れた応答をテキストとして読み直し</translation>
    </message>
    <message>
        <source>no saved state</source>
        <translation>保存された状態なし</translation>
    </message>
    <message>
        <source>saved state belongs to another model</source>
        <translation>保存された状態は別のモデルのもの</translation>
    </message>
    <message>
        <source>saved state was made with %1 %2, this run uses %3 %4</source>
        <translation>保存された状態は %1 %2 で作成、今回は %3 %4 を使用</translation>
    </message>
    <message>
        <source>The message is empty. Type something before sending.</source>
        <translation>メッセージが空です。何か入力してから送信してください。</translation>
    </message>
    <message>
        <source>The reply length must be at least one token.</source>
        <translation>応答の長さは 1 token 以上にしてください。</translation>
    </message>
    <message>
        <source>Conversation %1 does not exist.</source>
        <translation>会話 %1 は存在しません。</translation>
    </message>
    <message>
        <source>Message %1 is not in conversation %2.</source>
        <translation>メッセージ %1 は会話 %2 にありません。</translation>
    </message>
    <message>
        <source>Message %1 is a question; a new message can only follow a reply.</source>
        <translation>メッセージ %1 は質問です。新しいメッセージは応答の後にしか続けられません。</translation>
    </message>
    <message>
        <source>Only a reply to a question can be generated again.</source>
        <translation>再生成できるのは質問への応答だけです。</translation>
    </message>
    <message>
        <source>Message %1 is not a question in conversation %2.</source>
        <translation>メッセージ %1 は会話 %2 の質問ではありません。</translation>
    </message>
    <message>
        <source>re-reading 1 message</source>
        <translation>1 件のメッセージを読み直し中</translation>
    </message>
    <message>
        <source>re-reading %1 messages</source>
        <translation>%1 件のメッセージを読み直し中</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>the saved state was damaged; nothing was lost</source>
        <translation>保存された状態が破損していました。失われたものはありません</translation>
    </message>
    <message>
        <source>the database&apos;s list of saved states is damaged</source>
        <translation>データベースの保存された状態の一覧が破損しています</translation>
    </message>
    <message>
        <source>also read the unanswered question before this one (its reading had been cut off)</source>
        <translation>この前の未回答の質問も読み取り（読み取りが途中で切れていたため）</translation>
    </message>
    <message>
        <source>also read the %1 unanswered questions before this one (their reading had been cut off)</source>
        <translation>この前の未回答の質問 %1 件も読み取り（読み取りが途中で切れていたため）</translation>
    </message>
    <message>
        <source>the instructions changed</source>
        <translation>指示が変わりました</translation>
    </message>
    <message>
        <source>the starting state changed</source>
        <translation>開始状態が変わりました</translation>
    </message>
    <message>
        <source>This chat starts from the state-tuning file %1, which cannot be read now (%2 is gone or unreadable): put it back, or choose another starting state.</source>
        <translation>このチャットはステートチューニングファイル %1 から始まりますが、現在そのファイルを読み取れません（%2 がないか、読み取れません）：元に戻すか、別の開始状態を選んでください。</translation>
    </message>
    <message>
        <source>This chat starts from the state-tuning file %1, which is there but damaged now: %2 Put a good copy back at %3, or choose another starting state. Details: %4</source>
        <translation>このチャットはステートチューニングファイル %1 から始まりますが、そのファイルはあるものの、現在は壊れています：%2正常なコピーを %3 に戻すか、別の開始状態を選んでください。詳細：%4</translation>
    </message>
    <message>
        <source>This chat starts from the state-tuning file %1, which has changed since it was chosen (sha256 %2…, now %3…): choose it again to start from it as it is now.</source>
        <translation>このチャットはステートチューニングファイル %1 から始まりますが、選んだ後にファイルが変わっています（sha256 %2…、現在は %3…）：今の内容から始めるには、もう一度選んでください。</translation>
    </message>
    <message>
        <source>Message %1 is not a reply; only a reply can be continued.</source>
        <translation>メッセージ %1 は応答ではありません。続きを書けるのは応答だけです。</translation>
    </message>
    <message>
        <source>Reply %1 has no text to continue; regenerate it instead.</source>
        <translation>応答 %1 には続けるテキストがありません。代わりに再生成してください。</translation>
    </message>
    <message>
        <source>Reply %1 ended by itself; only a reply cut off (by the length limit, Stop, closing the app, or a crash) can be continued.</source>
        <translation>応答 %1 は自然に終わっています。続きを書けるのは、途中で切れた応答（長さの上限、停止、アプリの終了、クラッシュによるもの）だけです。</translation>
    </message>
    <message>
        <source>Only a reply to a question can be continued.</source>
        <translation>続きを書けるのは質問への応答だけです。</translation>
    </message>
    <message>
        <source>From 1 to %1 replies can be written at once.</source>
        <translation>一度に書ける応答は 1〜%1 件です。</translation>
    </message>
</context>
<context>
    <name>rwkv::app::DeviceListModel</name>
    <message>
        <source>discrete GPU</source>
        <translation>ディスクリート GPU</translation>
    </message>
    <message>
        <source>integrated GPU</source>
        <translation>統合 GPU</translation>
    </message>
    <message>
        <source>virtual GPU</source>
        <translation>仮想 GPU</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自動</translation>
    </message>
    <message>
        <source>%1 hardware threads</source>
        <translation>%1 ハードウェアスレッド</translation>
    </message>
    <message>
        <source>Unavailable: %1</source>
        <translation>使用不可：%1</translation>
    </message>
    <message>
        <source>%1 memory</source>
        <translation>%1 メモリ</translation>
    </message>
    <message>
        <source>compute capability %1.%2</source>
        <translation>計算能力 %1.%2</translation>
    </message>
    <message>
        <source>Unavailable: this build of RWKV Desktop has no %1 backend</source>
        <translation>使用不可：このビルドの RWKV Desktop には %1 バックエンドがありません</translation>
    </message>
    <message>
        <source>The first CUDA GPU if the model fits there, else a discrete Vulkan GPU that fits, otherwise the CPU</source>
        <translation>モデルが収まれば最初の CUDA GPU、次に収まるディスクリート Vulkan GPU、それ以外は CPU</translation>
    </message>
    <message>
        <source>Unavailable: no NVIDIA GPU driver found. Use the CPU or Vulkan.</source>
        <translation>使用不可：NVIDIA GPU ドライバーが見つかりません。CPU または Vulkan を使ってください。</translation>
    </message>
    <message>
        <source>Unavailable: the NVIDIA GPU driver is older than this build needs. Update it, or use the CPU or Vulkan.</source>
        <translation>使用不可：NVIDIA GPU ドライバーがこのビルドに必要なものより古いです。ドライバーを更新するか、CPU または Vulkan を使ってください。</translation>
    </message>
    <message>
        <source>Unavailable: no NVIDIA GPU found. Use the CPU or Vulkan.</source>
        <translation>使用不可：NVIDIA GPU が見つかりません。CPU または Vulkan を使ってください。</translation>
    </message>
    <message>
        <source>software renderer on the CPU: much slower than the CPU row above</source>
        <translation>CPU 上のソフトウェアレンダラー：上の CPU の行よりずっと遅い</translation>
    </message>
</context>
<context>
    <name>rwkv::app::ForeignFile</name>
    <message>
        <source>a Git LFS pointer</source>
        <translation>Git LFS ポインター</translation>
    </message>
    <message>
        <source>a web page (HTML)</source>
        <translation>ウェブページ（HTML）</translation>
    </message>
    <message>
        <source>an XML document</source>
        <translation>XML 文書</translation>
    </message>
    <message>
        <source>JSON text</source>
        <translation>JSON テキスト</translation>
    </message>
    <message>
        <source>a PNG picture</source>
        <translation>PNG 画像</translation>
    </message>
    <message>
        <source>a JPEG picture</source>
        <translation>JPEG 画像</translation>
    </message>
    <message>
        <source>a GIF picture</source>
        <translation>GIF 画像</translation>
    </message>
    <message>
        <source>a WebP picture</source>
        <translation>WebP 画像</translation>
    </message>
    <message>
        <source>a PDF document</source>
        <translation>PDF 文書</translation>
    </message>
    <message>
        <source>a gzip-compressed file: unpack it first (gunzip)</source>
        <translation>gzip 圧縮ファイル（先に gunzip で展開してください）</translation>
    </message>
    <message>
        <source>an xz-compressed file: unpack it first (unxz)</source>
        <translation>xz 圧縮ファイル（先に unxz で展開してください）</translation>
    </message>
    <message>
        <source>a zstd-compressed file: unpack it first (unzstd)</source>
        <translation>zstd 圧縮ファイル（先に unzstd で展開してください）</translation>
    </message>
    <message>
        <source>a bzip2-compressed file: unpack it first (bunzip2)</source>
        <translation>bzip2 圧縮ファイル（先に bunzip2 で展開してください）</translation>
    </message>
    <message>
        <source>a 7-Zip archive: unpack it first</source>
        <translation>7-Zip アーカイブ（先に展開してください）</translation>
    </message>
    <message>
        <source>a RAR archive: unpack it first</source>
        <translation>RAR アーカイブ（先に展開してください）</translation>
    </message>
    <message>
        <source>a tar archive: unpack it first (tar -xf)</source>
        <translation>tar アーカイブ（先に tar -xf で展開してください）</translation>
    </message>
    <message>
        <source>a program or library (ELF)</source>
        <translation>プログラムまたはライブラリ（ELF）</translation>
    </message>
    <message>
        <source>a NumPy array (.npy)</source>
        <translation>NumPy 配列（.npy）</translation>
    </message>
    <message>
        <source>an HDF5 file (.h5)</source>
        <translation>HDF5 ファイル（.h5）</translation>
    </message>
    <message>
        <source>a llama.cpp file in a format older than GGUF</source>
        <translation>GGUF より古い形式の llama.cpp ファイル</translation>
    </message>
    <message>
        <source>a Python pickle</source>
        <translation>Python の pickle</translation>
    </message>
    <message>
        <source>a conversation state saved by RWKV Desktop</source>
        <translation>RWKV Desktop が保存した会話の状態</translation>
    </message>
    <message>
        <source>an RWKV Desktop conversation bundle</source>
        <translation>RWKV Desktop の会話バンドル</translation>
    </message>
    <message>
        <source>a text file</source>
        <translation>テキストファイル</translation>
    </message>
</context>
<context>
    <name>rwkv::app::ImportError</name>
    <message>
        <source>the bundle is truncated or has extra bytes (%1 bytes, its header says %2)</source>
        <translation>バンドルが途中で切れているか、余分なバイトがあります（%1 バイト、ヘッダーでは %2）</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a number</source>
        <translation>%1：「%2」は数値ではありません</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a whole number</source>
        <translation>%1：「%2」は整数ではありません</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is out of range</source>
        <translation>%1：「%2」は範囲外です</translation>
    </message>
    <message>
        <source>the JSON is damaged (%1)</source>
        <translation>JSON が破損しています（%1）</translation>
    </message>
    <message>
        <source>this is not an RWKV Desktop conversation</source>
        <translation>これは RWKV Desktop の会話ではありません</translation>
    </message>
    <message>
        <source>the file</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>the conversation</source>
        <translation>会話</translation>
    </message>
    <message>
        <source>the format version is missing</source>
        <translation>形式のバージョンがありません</translation>
    </message>
    <message>
        <source>it was written by a newer RWKV Desktop (format version %1)</source>
        <translation>新しい RWKV Desktop で書かれています（形式のバージョン %1）</translation>
    </message>
    <message>
        <source>the conversation is missing from the file</source>
        <translation>ファイルに会話がありません</translation>
    </message>
    <message>
        <source>the think mode %1 is unknown</source>
        <translation>思考モード %1 は不明です</translation>
    </message>
    <message>
        <source>the message list is missing</source>
        <translation>メッセージの一覧がありません</translation>
    </message>
    <message>
        <source>&quot;messages&quot; is not a list</source>
        <translation>「messages」が一覧ではありません</translation>
    </message>
    <message>
        <source>message %1</source>
        <translation>メッセージ %1</translation>
    </message>
    <message>
        <source>%1 is not an object</source>
        <translation>%1 がオブジェクトではありません</translation>
    </message>
    <message>
        <source>%1 has a missing or repeated id</source>
        <translation>%1 の id がないか、重複しています</translation>
    </message>
    <message>
        <source>%1 names a parent that does not come before it</source>
        <translation>%1 が、それより前にない親を指しています</translation>
    </message>
    <message>
        <source>%1 has the unknown role &quot;%2&quot;</source>
        <translation>%1 のロール「%2」は不明です</translation>
    </message>
    <message>
        <source>%1 is a question whose parent, message %2, is a question too (a question follows a reply)</source>
        <translation>%1 は質問ですが、その親のメッセージ %2 も質問です（質問は応答の後に続きます）</translation>
    </message>
    <message>
        <source>%1 has no text</source>
        <translation>%1 にテキストがありません</translation>
    </message>
    <message>
        <source>this is a model file (%1), not a conversation (open models with the model button or on the Models page)</source>
        <translation>これは会話ではなくモデルファイル（%1）です。モデルはモデルボタンまたは「モデル」ページで開いてください</translation>
    </message>
    <message>
        <source>this is neither an RWKV Desktop bundle (.rwkvchat) nor a JSON export</source>
        <translation>これは RWKV Desktop のバンドル（.rwkvchat）でも JSON エクスポートでもありません</translation>
    </message>
    <message>
        <source>the bundle is truncated (%1 bytes)</source>
        <translation>バンドルが途中で切れています（%1 バイト）</translation>
    </message>
    <message>
        <source>this is not a conversation bundle</source>
        <translation>これは会話バンドルではありません</translation>
    </message>
    <message>
        <source>the bundle was written by a newer RWKV Desktop (bundle version %1)</source>
        <translation>バンドルは新しい RWKV Desktop で書かれています（バンドルのバージョン %1）</translation>
    </message>
    <message>
        <source>the bundle version %1 is unknown</source>
        <translation>バンドルのバージョン %1 は不明です</translation>
    </message>
    <message>
        <source>the bundle&apos;s checksum does not match (the file is damaged)</source>
        <translation>バンドルのチェックサムが一致しません（ファイルが破損しています）</translation>
    </message>
    <message>
        <source>the bundle has state bytes but no description of them</source>
        <translation>バンドルに状態のバイトはありますが、その説明がありません</translation>
    </message>
    <message>
        <source>the bundle&apos;s state description is incomplete</source>
        <translation>バンドルの状態の説明が不完全です</translation>
    </message>
    <message>
        <source>the snapshot names message %1, which is not in the conversation</source>
        <translation>スナップショットが指すメッセージ %1 は会話にありません</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>ファイルが空です</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is negative (it counts tokens)</source>
        <translation>%1：「%2」が負の値です（token 数です）</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not text</source>
        <translation>%1：「%2」がテキストではありません</translation>
    </message>
    <message>
        <source>the conversation holds no messages</source>
        <translation>会話にメッセージがありません</translation>
    </message>
    <message>
        <source>the file is %1 (%2 bytes), larger than any conversation bundle can be (at most %3 bytes); it was not read</source>
        <translation>ファイルは %1（%2 バイト）で、会話バンドルの上限（最大 %3 バイト）を超えているため、読み取りませんでした</translation>
    </message>
    <message>
        <source>the file is %1 (%2 bytes), larger than any JSON export can be (at most %3 bytes); it was not read</source>
        <translation>ファイルは %1（%2 バイト）で、JSON エクスポートの上限（最大 %3 バイト）を超えているため、読み取りませんでした</translation>
    </message>
    <message>
        <source>%1 is a link that leads back to itself (too many levels of symbolic links)</source>
        <translation>%1 は自分自身に戻るリンクです（シンボリックリンクの階層が多すぎます）</translation>
    </message>
    <message>
        <source>%1 is a link to %2, which does not exist</source>
        <translation>%1 は存在しない %2 へのリンクです</translation>
    </message>
    <message>
        <source>%1 does not exist</source>
        <translation>%1 は存在しません</translation>
    </message>
    <message>
        <source>%1 is a folder, not a file</source>
        <translation>%1 はファイルではなくフォルダーです</translation>
    </message>
    <message>
        <source>%1 is not a regular file (a named pipe, a device or a socket)</source>
        <translation>%1 は通常のファイルではありません（名前付きパイプ、デバイス、またはソケット）</translation>
    </message>
    <message>
        <source>a number (%1)</source>
        <translation>数値（%1）</translation>
    </message>
    <message>
        <source>true or false (%1)</source>
        <translation>true または false（%1）</translation>
    </message>
    <message>
        <source>a list (%1)</source>
        <translation>一覧（%1）</translation>
    </message>
    <message>
        <source>an object (%1)</source>
        <translation>オブジェクト（%1）</translation>
    </message>
    <message>
        <source>text (%1)</source>
        <translation>テキスト（%1）</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is %3, not &quot;user&quot;, &quot;assistant&quot; or &quot;system&quot;</source>
        <translation>%1：「%2」は %3 であり、「user」「assistant」「system」のいずれでもありません</translation>
    </message>
    <message>
        <source>%1 has no role</source>
        <translation>%1 にロールがありません</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is %3, not text</source>
        <translation>%1：「%2」は %3 であり、テキストではありません</translation>
    </message>
    <message>
        <source>message %1 (id %2)</source>
        <translation>メッセージ %1（id %2）</translation>
    </message>
    <message>
        <source>this is neither an RWKV Desktop bundle (.rwkvchat) nor a JSON export: it is %1</source>
        <translation>これは RWKV Desktop のバンドル（.rwkvchat）でも JSON エクスポートでもありません。このファイルは %1 です</translation>
    </message>
    <message>
        <source>the conversation&apos;s starting state is not named in full (a file name and a sha256)</source>
        <translation>会話の開始状態が完全に指定されていません（ファイル名と sha256 が必要です）</translation>
    </message>
    <message>
        <source>its starting state could not be kept as %1 (%2)</source>
        <translation>開始状態を %1 として保存できませんでした（%2）</translation>
    </message>
    <message>
        <source>%1 is a system message after message %2: only a chat&apos;s first message can be one (it becomes the chat&apos;s instructions)</source>
        <translation>%1 はメッセージ %2 の後にあるシステムメッセージです。システムメッセージにできるのはチャットの最初のメッセージだけです（それがチャットの指示になります）</translation>
    </message>
    <message>
        <source>%1 is a system message, and the conversation has other instructions already (&quot;system_prompt&quot;): a chat keeps one set</source>
        <translation>%1 はシステムメッセージですが、会話にはすでに別の指示（「system_prompt」）があります。チャットが持てる指示は一組だけです</translation>
    </message>
    <message>
        <source>%1 is a second system message, with other text: a chat keeps one set of instructions</source>
        <translation>%1 は内容の異なる二つ目のシステムメッセージです。チャットが持てる指示は一組だけです</translation>
    </message>
    <message>
        <source>the bundle is damaged or truncated: its header says its JSON part is %1 bytes, more than the whole file (%2 bytes)</source>
        <translation>バンドルが壊れているか、途中で切れています：ヘッダーでは JSON 部分が %1 バイトですが、ファイル全体（%2 バイト）より大きくなっています</translation>
    </message>
    <message>
        <source>the bundle is damaged or truncated: its header says its state part is %1 bytes, more than the whole file (%2 bytes)</source>
        <translation>バンドルが壊れているか、途中で切れています：ヘッダーでは状態部分が %1 バイトですが、ファイル全体（%2 バイト）より大きくなっています</translation>
    </message>
    <message>
        <source>%1 is %2, not a file stored on a disk</source>
        <translation>%1 は %2で、ディスクに保存されたファイルではありません</translation>
    </message>
</context>
<context>
    <name>rwkv::app::InferenceWorker</name>
    <message>
        <source>No model file was chosen.</source>
        <translation>モデルファイルが選択されていません。</translation>
    </message>
    <message>
        <source>No model is loaded. Choose a model file first.</source>
        <translation>モデルが読み込まれていません。先にモデルファイルを選んでください。</translation>
    </message>
    <message>
        <source>The tokenizer vocabulary it needs (%1) is kept in RWKV Desktop&apos;s resources folder, which was not found.</source>
        <translation>必要なトークナイザーの語彙（%1）は RWKV Desktop のリソースフォルダーにありますが、そのフォルダーが見つかりませんでした。</translation>
    </message>
    <message>
        <source>%1 could not be used; using the CPU. %2</source>
        <translation>%1 を使用できなかったため、CPU を使います。%2</translation>
    </message>
    <message>
        <source>%1 has too little free memory for this model, so it runs on the CPU (slower).</source>
        <translation>%1 にはこのモデルに必要な空きメモリが足りないため、CPU で実行します（遅くなります）。</translation>
    </message>
    <message>
        <source>With int8 weights (Settings → Weights in memory) it would fit on the GPU.</source>
        <translation>int8 の重み（設定 → メモリ上の重み）なら GPU に収まります。</translation>
    </message>
</context>
<context>
    <name>rwkv::app::LibraryController</name>
    <message>
        <source>Search failed: %1</source>
        <translation>検索に失敗しました：%1</translation>
    </message>
    <message>
        <source>Could not pin the conversation: %1</source>
        <translation>会話を固定できませんでした：%1</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>無題</translation>
    </message>
    <message>
        <source>Could not read the trash: %1</source>
        <translation>ゴミ箱を読み取れませんでした：%1</translation>
    </message>
    <message>
        <source>Could not restore the conversation: %1</source>
        <translation>会話を復元できませんでした：%1</translation>
    </message>
    <message>
        <source>Could not delete the conversation: %1</source>
        <translation>会話を削除できませんでした：%1</translation>
    </message>
    <message>
        <source>A folder needs a name.</source>
        <translation>フォルダーには名前が必要です。</translation>
    </message>
    <message>
        <source>A folder name has at most %1 characters.</source>
        <translation>フォルダー名は %1 文字までです。</translation>
    </message>
    <message>
        <source>A folder name is one line, without control or text-direction characters.</source>
        <translation>フォルダー名は 1 行で、制御文字や文字方向の文字は使えません。</translation>
    </message>
    <message>
        <source>There is already a folder named “%1”.</source>
        <translation>「%1」という名前のフォルダーはすでにあります。</translation>
    </message>
    <message>
        <source>Could not make the folder: %1</source>
        <translation>フォルダーを作成できませんでした：%1</translation>
    </message>
    <message>
        <source>Could not rename the folder: %1</source>
        <translation>フォルダーの名前を変更できませんでした：%1</translation>
    </message>
    <message>
        <source>Could not delete the folder: %1</source>
        <translation>フォルダーを削除できませんでした：%1</translation>
    </message>
    <message>
        <source>Could not move the conversation: %1</source>
        <translation>会話を移動できませんでした：%1</translation>
    </message>
    <message>
        <source>Could not free the space of the saved states: %1</source>
        <translation>保存された状態の領域を解放できませんでした：%1</translation>
    </message>
    <message>
        <source>Delete the folder “%1”? It holds no chats.</source>
        <translation>フォルダー「%1」を削除しますか？中にチャットはありません。</translation>
    </message>
    <message numerus="yes">
        <source>Delete the folder “%1”? Its %n chat(s) will stay, listed outside any folder.</source>
        <translation>
            <numerusform>フォルダー「%1」を削除しますか？中の %n 件のチャットは残り、どのフォルダーにも属さなくなります。</numerusform>
        </translation>
    </message>
    <message>
        <source>A folder name cannot hold half a character (shown as �): the file is damaged there.</source>
        <translation>フォルダー名に半分だけの文字（� と表示）は使えません。ファイルのこの部分が壊れています。</translation>
    </message>
</context>
<context>
    <name>rwkv::app::TurnReadouts</name>
    <message>
        <source>%1 s to first token</source>
        <translation>最初の token まで %1 秒</translation>
    </message>
    <message>
        <source>&lt; %1 s to first token</source>
        <comment>under 0.01 s: the time rounds to 0.00</comment>
        <translation>最初の token まで %1 秒未満</translation>
    </message>
    <message>
        <source>%1 tok/s</source>
        <translation>%1 token/秒</translation>
    </message>
    <message>
        <source>1 token</source>
        <translation>1 token</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 token</translation>
    </message>
    <message>
        <source>Read %1 prompt tokens at %2 tok/s; wrote %3 tokens at %4 tok/s</source>
        <translation>プロンプトの %1 token を %2 token/秒で読み取り、%3 token を %4 token/秒で書き込み</translation>
    </message>
    <message>
        <source>1 more token</source>
        <comment>a continued reply: written after the cut text</comment>
        <translation>さらに 1 token</translation>
    </message>
    <message>
        <source>%1 more tokens</source>
        <comment>a continued reply: written after the cut text</comment>
        <translation>さらに %1 token</translation>
    </message>
    <message>
        <source>Read %1 tokens (the prompt and the cut reply) at %2 tok/s; wrote %3 more tokens at %4 tok/s</source>
        <translation>%1 token（プロンプトと途中で切れた応答）を %2 token/秒で読み取り、さらに %3 token を %4 token/秒で書き込み</translation>
    </message>
</context>
<context>
    <name>rwkv::gui::DialogRows</name>
    <message>
        <source>%1 is a file, not a folder.</source>
        <translation>%1 はフォルダーではなくファイルです。</translation>
    </message>
    <message>
        <source>%1 does not exist. Type the path of a folder that exists (a new folder is made in a file manager).</source>
        <translation>%1 は存在しません。存在するフォルダーのパスを入力してください（新しいフォルダーはファイルマネージャーで作成できます）。</translation>
    </message>
</context>
<context>
    <name>rwkv::models</name>
    <message>
        <source>the network proxy failed (%1); check the system proxy settings</source>
        <translation>ネットワークプロキシでエラーが発生しました（%1）。システムのプロキシ設定を確認してください</translation>
    </message>
    <message>
        <source>no secure connection to %1 (%2)</source>
        <translation>%1 に安全に接続できません（%2）</translation>
    </message>
    <message>
        <source>%1 did not answer in time</source>
        <translation>%1 が時間内に応答しませんでした</translation>
    </message>
    <message>
        <source>%1 closed the connection</source>
        <translation>%1 が接続を閉じました</translation>
    </message>
    <message>
        <source>%1 refused the connection</source>
        <translation>%1 が接続を拒否しました</translation>
    </message>
    <message>
        <source>no network connection (%1)</source>
        <translation>ネットワークに接続されていません（%1）</translation>
    </message>
    <message>
        <source>no network or no DNS: cannot find %1</source>
        <translation>ネットワークまたは DNS がありません：%1 が見つかりません</translation>
    </message>
    <message>
        <source>No models folder is set.</source>
        <translation>モデルフォルダーが設定されていません。</translation>
    </message>
    <message>
        <source>The models folder %1 does not exist.</source>
        <translation>モデルフォルダー %1 は存在しません。</translation>
    </message>
    <message>
        <source>The models folder %1 is not a folder.</source>
        <translation>モデルフォルダー %1 はフォルダーではありません。</translation>
    </message>
    <message>
        <source>The models folder %1 is not writable (%2).</source>
        <translation>モデルフォルダー %1 に書き込めません（%2）。</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; is missing or empty</source>
        <translation>フィールド「%1」がないか空です</translation>
    </message>
    <message>
        <source>file &quot;%1&quot; is not a bare file name</source>
        <translation>ファイル「%1」は単純なファイル名ではありません</translation>
    </message>
    <message>
        <source>sha256 is not 64 hex digits</source>
        <translation>sha256 が 16 進数 64 桁ではありません</translation>
    </message>
    <message>
        <source>size must be a positive number or null</source>
        <translation>サイズは正の数値か null でなければなりません</translation>
    </message>
    <message>
        <source>no http(s) URL for source &quot;%1&quot;</source>
        <translation>ソース「%1」に http(s) の URL がありません</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; is not text: %2</source>
        <translation>フィールド「%1」がテキストではありません：%2</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; is not a number: %2</source>
        <translation>フィールド「%1」が数値ではありません：%2</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; is too large: %2</source>
        <translation>フィールド「%1」が大きすぎます：%2</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; is not an object of sources and their URLs: %2</source>
        <translation>フィールド「%1」がソースとその URL のオブジェクトではありません：%2</translation>
    </message>
</context>
<context>
    <name>rwkv::models::CatalogListModel</name>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <source>%1 h %2 min left</source>
        <translation>残り %1 時間 %2 分</translation>
    </message>
    <message>
        <source>%1 min %2 s left</source>
        <translation>残り %1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 s left</source>
        <translation>残り %1 秒</translation>
    </message>
    <message>
        <source>%1 layers × %2</source>
        <translation>%1 レイヤー × %2</translation>
    </message>
    <message>
        <source>Fits your GPU</source>
        <translation>GPU に収まります</translation>
    </message>
    <message>
        <source>Fits your RAM (CPU)</source>
        <translation>RAM に収まります（CPU）</translation>
    </message>
    <message>
        <source>Too large for this computer</source>
        <translation>このコンピューターには大きすぎます</translation>
    </message>
    <message>
        <source>Memory need unknown</source>
        <translation>必要なメモリは不明</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Incomplete: %1 of %2 in the models folder (a copy or download cut short). Download again replaces it.</source>
        <translation>不完全：モデルフォルダーに %2 のうち %1 しかありません（コピーかダウンロードが途中で切れました）。「もう一度ダウンロード」で置き換えます。</translation>
    </message>
    <message>
        <source>A different file: %1 in the models folder, the catalog&apos;s is %2. Download again replaces it.</source>
        <translation>別のファイル：モデルフォルダーのものは %1、カタログのものは %2 です。「もう一度ダウンロード」で置き換えます。</translation>
    </message>
    <message>
        <source>Incomplete: %1 of %2 in the models folder (a copy or download cut short); the whole file is in %3.</source>
        <translation>不完全：モデルフォルダーに %2 のうち %1 しかありません（コピーかダウンロードが途中で切れました）。完全なファイルは %3 にあります。</translation>
    </message>
    <message>
        <source>A different file: %1 in the models folder, the catalog&apos;s is %2; the catalog&apos;s file is in %3.</source>
        <translation>別のファイル：モデルフォルダーのものは %1、カタログのものは %2 です。カタログのファイルは %3 にあります。</translation>
    </message>
    <message>
        <source>Incomplete: %1 of %2 in the models folder (a copy or download cut short). The models folder cannot be written, so Download again puts the whole file in %3 and leaves this one.</source>
        <translation>不完全：モデルフォルダーに %2 のうち %1 しかありません（コピーかダウンロードが途中で切れました）。モデルフォルダーに書き込めないため、「もう一度ダウンロード」では完全なファイルを %3 に置き、このファイルはそのまま残します。</translation>
    </message>
    <message>
        <source>A different file: %1 in the models folder, the catalog&apos;s is %2. The models folder cannot be written, so Download again puts the catalog&apos;s file in %3 and leaves this one.</source>
        <translation>別のファイル：モデルフォルダーのものは %1、カタログのものは %2 です。モデルフォルダーに書き込めないため、「もう一度ダウンロード」ではカタログのファイルを %3 に置き、このファイルはそのまま残します。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>開始中…</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 バイト</translation>
    </message>
    <message>
        <source>Fits your GPU with int8 weights</source>
        <translation>int8 の重みなら GPU に収まります</translation>
    </message>
    <message>
        <source>Fits your RAM (CPU) with int8 weights</source>
        <translation>int8 の重みなら RAM に収まります（CPU）</translation>
    </message>
    <message>
        <source>%1, loads as about %2</source>
        <translation>%1、読み込むと約 %2</translation>
    </message>
    <message>
        <source>Too large as fp16; fits your GPU with int8 weights (Settings → Weights in memory)</source>
        <translation>fp16 では大きすぎます。int8 の重みなら GPU に収まります（設定 → メモリ上の重み）</translation>
    </message>
    <message>
        <source>Too large as fp16; fits your RAM (CPU) with int8 weights (Settings → Weights in memory)</source>
        <translation>fp16 では大きすぎます。int8 の重みなら RAM に収まります（CPU、設定 → メモリ上の重み）</translation>
    </message>
    <message>
        <source>download size not in the catalog; loads as about %1</source>
        <translation>ダウンロードサイズはカタログにありません。読み込むと約 %1</translation>
    </message>
    <message>
        <source>size not in the catalog</source>
        <translation>サイズはカタログにありません</translation>
    </message>
</context>
<context>
    <name>rwkv::models::DownloadManager</name>
    <message>
        <source>A download needs an id.</source>
        <translation>ダウンロードには ID が必要です。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid model file name.</source>
        <translation>「%1」は有効なモデルファイル名ではありません。</translation>
    </message>
    <message>
        <source>%1 has no download address for %2.</source>
        <translation>%1 には %2 のダウンロードアドレスがありません。</translation>
    </message>
    <message>
        <source>%1 is already in the models folder.</source>
        <translation>%1 はすでにモデルフォルダーにあります。</translation>
    </message>
    <message>
        <source>%1 is already downloading.</source>
        <translation>%1 はすでにダウンロード中です。</translation>
    </message>
    <message>
        <source>The download did not start: no answer within %1 s (another program may be holding the database, or the models folder does not respond). Try again.</source>
        <translation>ダウンロードが開始しませんでした：%1 秒以内に応答がありません（ほかのプログラムがデータベースを使用しているか、モデルフォルダーが応答しない可能性があります）。もう一度お試しください。</translation>
    </message>
    <message>
        <source>%1 cannot be downloaded: its file name is %2 bytes long, and the files a download writes beside it (its name with “.part.json.XXXXXX” after it) would pass the 255 bytes a file name can have. The longest name that downloads is %3 bytes.</source>
        <translation>%1 はダウンロードできません：ファイル名が %2 バイトあり、ダウンロード時にその横に書き込むファイル（名前の後に「.part.json.XXXXXX」が付く）が、ファイル名の上限である 255 バイトを超えてしまいます。ダウンロードできる名前は最長 %3 バイトです。</translation>
    </message>
    <message>
        <source>The list of unfinished model downloads in the conversation database was damaged and has been made again, empty: downloads paused or cut short before this start are no longer listed.</source>
        <translation>会話データベース内の未完了のモデルダウンロードの一覧が破損していたため、空の一覧として作り直しました。今回の起動より前に一時停止または中断したダウンロードは一覧に表示されなくなります。</translation>
    </message>
    <message>
        <source>The list of unfinished model downloads in the conversation database cannot be read (%1): downloads paused or cut short before this start are not listed.</source>
        <translation>会話データベース内の未完了のモデルダウンロードの一覧を読み取れません（%1）。今回の起動より前に一時停止または中断したダウンロードは一覧に表示されません。</translation>
    </message>
    <message>
        <source>Their partly downloaded files were kept in the models folder (%1): Download on a model&apos;s card in Models goes on from its file.</source>
        <translation>途中までダウンロードしたファイルはモデルフォルダーに残してあります（%1）。「モデル」でそのモデルのカードの「ダウンロード」を押すと、そのファイルの続きからダウンロードします。</translation>
    </message>
    <message>
        <source>Their partly downloaded files are still in the models folder (%1).</source>
        <translation>途中までダウンロードしたファイルはモデルフォルダーに残っています（%1）。</translation>
    </message>
    <message>
        <source>Your chats and the models already downloaded were not touched.</source>
        <translation>チャットとダウンロード済みのモデルには触れていません。</translation>
    </message>
</context>
<context>
    <name>rwkv::models::DownloadTask</name>
    <message>
        <source>connection lost: %1</source>
        <translation>接続が切れました：%1</translation>
    </message>
    <message>
        <source>%1 is already in the models folder.</source>
        <translation>%1 はすでにモデルフォルダーにあります。</translation>
    </message>
    <message>
        <source>No download address for %1 from %2.</source>
        <translation>%2 に %1 のダウンロードアドレスがありません。</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>一時停止中</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>キャンセルしました</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 に書き込めません：%2</translation>
    </message>
    <message>
        <source>the server sent an unreadable Content-Range</source>
        <translation>サーバーが読み取れない Content-Range を送信しました</translation>
    </message>
    <message>
        <source>the server resumed at byte %1 instead of %2</source>
        <translation>サーバーが %2 バイト目ではなく %1 バイト目から再開しました</translation>
    </message>
    <message>
        <source>the server offers %1 bytes, %2 were expected</source>
        <translation>サーバーが提供するのは %1 バイトですが、%2 バイトのはずでした</translation>
    </message>
    <message>
        <source>the server sent more bytes than the file has</source>
        <translation>サーバーがファイルのサイズより多くのバイトを送信しました</translation>
    </message>
    <message>
        <source>Cannot write %1: %2. The partial download is kept; resume when the problem is fixed.</source>
        <translation>%1 に書き込めません：%2。途中までのダウンロードは残してあります。問題を解決してから再開してください。</translation>
    </message>
    <message>
        <source>Starting over: %1</source>
        <translation>最初からやり直し：%1</translation>
    </message>
    <message>
        <source>the connection closed early</source>
        <translation>接続が途中で閉じられました</translation>
    </message>
    <message>
        <source>HTTP %1 from %2 without a usable Location</source>
        <translation>%2 から HTTP %1 が返されましたが、使える Location がありません</translation>
    </message>
    <message>
        <source>too many redirects</source>
        <translation>リダイレクトが多すぎます</translation>
    </message>
    <message>
        <source>the server refused the byte range</source>
        <translation>サーバーがバイト範囲を拒否しました</translation>
    </message>
    <message>
        <source>HTTP %1 from %2</source>
        <translation>%2 から HTTP %1</translation>
    </message>
    <message>
        <source>unexpected HTTP %1 from %2</source>
        <translation>%2 から予期しない HTTP %1</translation>
    </message>
    <message>
        <source>Retrying in %1 s (attempt %2): %3</source>
        <translation>%1 秒後に再試行します（%2 回目）：%3</translation>
    </message>
    <message>
        <source>Downloading %1 failed: %2. Retry later, or choose another source in Models; when every source fails, the model catalog may be out of date.</source>
        <translation>%1 のダウンロードに失敗しました：%2。後で再試行するか、「モデル」で別のダウンロード元を選んでください。すべてのダウンロード元で失敗する場合は、モデルカタログが古い可能性があります。</translation>
    </message>
    <message>
        <source>Downloading %1 failed: %2. Each source was tried in turn (Automatic): retry later; if they all keep failing, the model catalog may be out of date.</source>
        <translation>%1 のダウンロードに失敗しました：%2。各ダウンロード元を順に試しました（自動）：後で再試行してください。すべて失敗し続ける場合は、モデルカタログが古い可能性があります。</translation>
    </message>
    <message>
        <source>%1 failed (%2); trying %3</source>
        <translation>%1 で失敗しました（%2）。%3 を試します</translation>
    </message>
    <message>
        <source>%1 has %2 bytes, %3 were expected; the download was deleted.</source>
        <translation>%1 は %2 バイトですが、%3 バイトのはずでした。ダウンロードしたファイルは削除しました。</translation>
    </message>
    <message>
        <source>Verifying</source>
        <translation>検証中</translation>
    </message>
    <message>
        <source>Checksum mismatch for %1: expected sha256 %2, got %3. The downloaded file was deleted; try again or choose another source.</source>
        <translation>%1 のチェックサムが一致しません：期待した sha256 は %2、実際は %3 でした。ダウンロードしたファイルは削除しました。もう一度試すか、別のダウンロード元を選んでください。</translation>
    </message>
    <message>
        <source>%1 appeared in the models folder during the download; the verified copy is kept as %2.</source>
        <translation>ダウンロード中に %1 がモデルフォルダーに現れました。検証済みのコピーは %2 として残しました。</translation>
    </message>
    <message>
        <source>Cannot move %1 into the models folder.</source>
        <translation>%1 をモデルフォルダーに移動できません。</translation>
    </message>
    <message>
        <source>Downloading %1 failed: %2. Retry later; the model catalog lists no other source for it, and it may be out of date.</source>
        <translation>%1 のダウンロードに失敗しました：%2。後で再試行してください。モデルカタログにはほかのダウンロード元がなく、カタログが古い可能性があります。</translation>
    </message>
    <message>
        <source>%1 (%2) is larger than the whole disk holding %3 (%4): it cannot be downloaded there. Choose a models folder on a larger disk.</source>
        <translation>%1（%2）は %3 のあるディスク全体（%4）より大きいため、そこにはダウンロードできません。より大きいディスク上のモデルフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>Not enough disk space: %1 needs %2 still to download, and only %3 are free in %4. Free some space, then resume.</source>
        <translation>ディスクの空き容量が足りません：%1 にはあと %2 のダウンロードが必要ですが、%4 の空きは %3 しかありません。空き容量を確保してから再開してください。</translation>
    </message>
    <message>
        <source>the server sent a web page, not the model file (a login or error page?)</source>
        <translation>サーバーが送ってきたのはモデルファイルではなくウェブページです（ログインページかエラーページ？）</translation>
    </message>
    <message>
        <source>the server sent a web page of %1 bytes, not the model file (a login or error page?)</source>
        <translation>サーバーが送ってきたのはモデルファイルではなく %1 バイトのウェブページです（ログインページかエラーページ？）</translation>
    </message>
    <message>
        <source>the server sent a web page of %1 bytes, not the model file of %2 bytes (a login or error page?)</source>
        <translation>サーバーが送ってきたのは %2 バイトのモデルファイルではなく %1 バイトのウェブページです（ログインページかエラーページ？）</translation>
    </message>
    <message>
        <source>Waiting for the server: nothing received for %1 s; the app asks again after %2 s of silence.</source>
        <translation>サーバーを待っています：%1 秒間何も受信していません。無応答が %2 秒続くと、アプリは再度要求します。</translation>
    </message>
    <message>
        <source>Starting over: %1 in the models folder was not written by this download (another program&apos;s or another file&apos;s), so the file is downloaded from the start.</source>
        <translation>最初からやり直し：モデルフォルダーの %1 はこのダウンロードが書いたものではない（ほかのプログラムのもの、または別のファイル）ため、ファイルを最初からダウンロードします。</translation>
    </message>
    <message>
        <source>%1 is being downloaded by another RWKV Desktop window (process %2) into the same models folder. This one waits and uses the file once it is there.</source>
        <translation>%1 は別の RWKV Desktop ウィンドウ（プロセス %2）が同じモデルフォルダーにダウンロード中です。このウィンドウは待機し、ファイルができたらそれを使います。</translation>
    </message>
    <message>
        <source>%1 is being downloaded by another RWKV Desktop window into the same models folder. This one waits and uses the file once it is there.</source>
        <translation>%1 は別の RWKV Desktop ウィンドウが同じモデルフォルダーにダウンロード中です。このウィンドウは待機し、ファイルができたらそれを使います。</translation>
    </message>
    <message>
        <source>Disk full while writing %1: the disk holding %2 has no room left (%3 free). Free some space, then resume; the %4 already downloaded are kept.</source>
        <translation>%1 の書き込み中にディスクがいっぱいになりました：%2 のあるディスクに空きがありません（空き %3）。空き容量を確保してから再開してください。ダウンロード済みの %4 は残してあります。</translation>
    </message>
    <message>
        <source>the checksum of %1 did not match after resuming the %2 downloaded earlier, so the file is downloaded again from the start</source>
        <translation>以前にダウンロードした %2 から再開した後、%1 のチェックサムが一致しなかったため、ファイルを最初からダウンロードし直します</translation>
    </message>
    <message>
        <source>Took over the lock %1 of %2 (process %3): its .part did not change for %4 s.</source>
        <translation>%2 のロック %1（プロセス %3）を引き継ぎました：その .part が %4 秒間変化しなかったためです。</translation>
    </message>
    <message>
        <source>Took over the lock %1 of %2 (process %3): no download was writing beside it.</source>
        <translation>%2 のロック %1（プロセス %3）を引き継ぎました：その横に書き込んでいるダウンロードがなかったためです。</translation>
    </message>
    <message>
        <source>%1 is being downloaded by RWKV Desktop on another computer (%2, process %3) into this shared models folder: its lock is %4. This one waits and uses the file once it is there; if nothing changes beside that lock for %5 min, this one takes the download over.</source>
        <translation>%1 は別のコンピューター（%2、プロセス %3）の RWKV Desktop がこの共有モデルフォルダーにダウンロード中です：そのロックは %4 です。このウィンドウは待機し、ファイルができたらそれを使います。そのロックの横で %5 分間何も変化がなければ、このウィンドウがダウンロードを引き継ぎます。</translation>
    </message>
    <message>
        <source>Cannot download %1: its lock %2 is not a file (a folder or something else has that name). Remove it, then retry.</source>
        <translation>%1 をダウンロードできません：ロック %2 がファイルではありません（フォルダーなど、別のものがその名前を持っています）。それを削除してから再試行してください。</translation>
    </message>
    <message>
        <source>Cannot download %1: its lock %2 cannot be made (no permission to write in the models folder).</source>
        <translation>%1 をダウンロードできません：ロック %2 を作成できません（モデルフォルダーへの書き込み権限がありません）。</translation>
    </message>
    <message>
        <source>Cannot download %1: its lock %2 cannot be read (it was not written by RWKV Desktop). If no window on any computer downloads this model, remove it, then retry.</source>
        <translation>%1 をダウンロードできません：ロック %2 を読み取れません（RWKV Desktop が書いたものではありません）。どのコンピューターのウィンドウもこのモデルをダウンロードしていなければ、それを削除してから再試行してください。</translation>
    </message>
    <message>
        <source>Cannot download %1: its lock %2 cannot be made in the models folder.</source>
        <translation>%1 をダウンロードできません：モデルフォルダーにロック %2 を作成できません。</translation>
    </message>
    <message>
        <source>Checksum mismatch for %1: the downloaded file was deleted. Its card in Models shows both checksums; try again or choose another source.</source>
        <translation>%1 のチェックサムが一致しません：ダウンロードしたファイルは削除しました。「モデル」のカードに両方のチェックサムが表示されています。もう一度試すか、別のダウンロード元を選んでください。</translation>
    </message>
    <message>
        <source>Downloading %1 failed: no server answered (%2; last error: %3). Check this computer&apos;s internet connection (and proxy settings), then Retry.</source>
        <translation>%1 のダウンロードに失敗しました：どのサーバーも応答しませんでした（%2。最後のエラー：%3）。このコンピューターのインターネット接続（とプロキシ設定）を確認してから、再試行してください。</translation>
    </message>
</context>
<context>
    <name>rwkv::models::DownloadWorker</name>
    <message>
        <source>Cannot read the download list: %1</source>
        <translation>ダウンロードの一覧を読み取れません：%1</translation>
    </message>
    <message>
        <source>There is no download %1 to resume.</source>
        <translation>再開するダウンロード %1 はありません。</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>キャンセルしました</translation>
    </message>
    <message>
        <source>Interrupted when the app closed; resume to continue.</source>
        <translation>アプリの終了時に中断されました。再開すると続きからダウンロードします。</translation>
    </message>
    <message>
        <source>Cannot record the download: %1</source>
        <translation>ダウンロードを記録できません：%1</translation>
    </message>
</context>
<context>
    <name>rwkv::models::ModelCatalog</name>
    <message>
        <source>Cannot read the model catalog %1: %2</source>
        <translation>モデルカタログ %1 を読み取れません：%2</translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2 at offset %3</source>
        <translation>%1 は有効な JSON ではありません：オフセット %3 で %2</translation>
    </message>
    <message>
        <source>%1 has no &quot;models&quot; list</source>
        <translation>%1 に「models」の一覧がありません</translation>
    </message>
    <message>
        <source>%1, model %2 (%3): %4</source>
        <translation>%1、モデル %2（%3）：%4</translation>
    </message>
    <message>
        <source>%1, model %2: duplicate id &quot;%3&quot;</source>
        <translation>%1、モデル %2：ID「%3」が重複しています</translation>
    </message>
    <message>
        <source>%1, model %2: %3</source>
        <translation>%1、モデル %2：%3</translation>
    </message>
</context>
<context>
    <name>rwkv::models::ModelManagerController</name>
    <message>
        <source>Download of %1 paused: %2</source>
        <translation>%1 のダウンロードを一時停止しました：%2</translation>
    </message>
    <message>
        <source>Checking %1 (size and sha256)…</source>
        <translation>%1 を確認中（サイズと sha256）…</translation>
    </message>
    <message>
        <source>Downloading %1: %2</source>
        <translation>%1 をダウンロード中：%2</translation>
    </message>
    <message>
        <source>Downloading %1: %2 of %3 (%4 %)</source>
        <translation>%1 をダウンロード中：%3 のうち %2（%4 %）</translation>
    </message>
    <message>
        <source>Downloading %1: starting…</source>
        <translation>%1 をダウンロード中：開始しています…</translation>
    </message>
    <message>
        <source>Automatic (fall back on failure)</source>
        <translation>自動（失敗したら切り替え）</translation>
    </message>
    <message>
        <source>Hugging Face</source>
        <translation>Hugging Face</translation>
    </message>
    <message>
        <source>hf-mirror.com</source>
        <translation>hf-mirror.com</translation>
    </message>
    <message>
        <source>ModelScope</source>
        <translation>ModelScope</translation>
    </message>
    <message>
        <source>Unknown download source &quot;%1&quot;.</source>
        <translation>不明なダウンロード元「%1」です。</translation>
    </message>
    <message>
        <source>none detected</source>
        <translation>検出されませんでした</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>GPU %1 · RAM %2</source>
        <translation>GPU %1 · RAM %2</translation>
    </message>
    <message>
        <source>Unknown model &quot;%1&quot;.</source>
        <translation>不明なモデル「%1」です。</translation>
    </message>
    <message>
        <source>An import is already running.</source>
        <translation>すでにインポートを実行中です。</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 はファイルではありません。</translation>
    </message>
    <message>
        <source>%1 is not a model file (.pth, .gguf, .st, .safetensors or .bin).</source>
        <translation>%1 はモデルファイル（.pth、.gguf、.st、.safetensors、.bin）ではありません。</translation>
    </message>
    <message>
        <source>%1 is already in the models folder.</source>
        <translation>%1 はすでにモデルフォルダーにあります。</translation>
    </message>
    <message>
        <source>Not enough disk space to import %1: %2 needed, %3 free.</source>
        <translation>%1 をインポートするにはディスクの空き容量が足りません：%2 必要、空き %3。</translation>
    </message>
    <message>
        <source>Could not copy %1 into the models folder (is the disk full?).</source>
        <translation>%1 をモデルフォルダーにコピーできませんでした（ディスクがいっぱいではありませんか？）。</translation>
    </message>
    <message>
        <source>Could not delete %1.</source>
        <translation>%1 を削除できませんでした。</translation>
    </message>
    <message>
        <source>%1 is not in the models folder.</source>
        <translation>%1 はモデルフォルダーにありません。</translation>
    </message>
    <message>
        <source>%1 cannot be used as a model, so nothing was copied: %2</source>
        <translation>%1 はモデルとして使えないため、何もコピーしませんでした：%2</translation>
    </message>
    <message>
        <source>The model catalog “%1” could not be used, so no models are listed: %2</source>
        <translation>モデルカタログ「%1」を使えなかったため、モデルは一覧表示されていません：%2</translation>
    </message>
    <message>
        <source>The model catalog “%1” lists no models.</source>
        <translation>モデルカタログ「%1」にはモデルがありません。</translation>
    </message>
    <message>
        <source>%1 (integrated, shares the RAM)</source>
        <translation>%1（統合 GPU、RAM を共有）</translation>
    </message>
    <message>
        <source>%1 (software, on the CPU)</source>
        <translation>%1（ソフトウェア、CPU 上）</translation>
    </message>
    <message>
        <source>Some models of the catalog “%1” cannot be used and are left out; the others are listed. Left out: %2</source>
        <translation>モデルカタログ「%1」の一部のモデルは使えないため除外しました。ほかのモデルは一覧に表示されています。除外したモデル：%2</translation>
    </message>
    <message>
        <source>The models folder %1 cannot be written (%2), so downloads and imports go to %3; its models are listed and can be used, not deleted.</source>
        <translation>モデルフォルダー %1 に書き込めないため（%2）、ダウンロードとインポートは %3 に保存されます。フォルダー内のモデルは一覧に表示され使用できますが、削除はできません。</translation>
    </message>
    <message>
        <source>%1 cannot be deleted: the models folder %2 cannot be written (%3).</source>
        <translation>%1 は削除できません：モデルフォルダー %2 に書き込めません（%3）。</translation>
    </message>
    <message>
        <source>%1 goes on downloading into %2, the models folder when it started; once there it is listed here, with its folder.</source>
        <translation>%1 は、ダウンロード開始時のモデルフォルダーである %2 にダウンロードを続けます。完了するとフォルダーとともにここに一覧表示されます。</translation>
    </message>
    <message>
        <source>The models folder holds a folder named %1, so %2 cannot be downloaded: its file has that name.</source>
        <translation>モデルフォルダーに %1 という名前のフォルダーがあるため、%2 をダウンロードできません：そのファイルがその名前を持つためです。</translation>
    </message>
    <message>
        <source>%1 in the models folder is not the catalog&apos;s file (%2, the catalog&apos;s is %3) and could not be deleted, so it cannot be downloaded again.</source>
        <translation>モデルフォルダーの %1 はカタログのファイルではなく（%2、カタログのものは %3）、削除もできなかったため、もう一度ダウンロードできません。</translation>
    </message>
    <message>
        <source>Not listed: %1. A file name with bytes that are not UTF-8 text (shown as �) cannot be opened here; rename the file to use it.</source>
        <translation>一覧にないもの：%1。UTF-8 テキストではないバイトを含むファイル名（� と表示）はここでは開けません。使うにはファイルの名前を変更してください。</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <comment>model files not listed</comment>
        <translation>
            <numerusform>%1 ほか %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 cannot be imported: its file name is %2 bytes long, and the copy is made under its name with “.importing” after it, which would pass the 255 bytes a file name can have. The longest name that imports is %3 bytes; rename the file, then import it.</source>
        <translation>%1 はインポートできません：ファイル名が %2 バイトあり、コピーは名前の後に「.importing」を付けて作られるため、ファイル名の上限である 255 バイトを超えてしまいます。インポートできる名前は最長 %3 バイトです。ファイルの名前を変更してからインポートしてください。</translation>
    </message>
    <message>
        <source>%1 cannot be used as a model, so nothing was copied. %2
Details: %3</source>
        <translation>%1 はモデルとして使えないため、何もコピーしませんでした。%2
詳細：%3</translation>
    </message>
    <message>
        <source>%1 was imported as %2: the models folder already has another file named %1.</source>
        <translation>モデルフォルダーにはすでに %1 という名前の別のファイルがあるため、%1 は %2 としてインポートしました。</translation>
    </message>
    <message>
        <source>%1 is already in the models folder, as %2.</source>
        <translation>%1 はすでにモデルフォルダーに %2 としてあります。</translation>
    </message>
    <message>
        <source>%1 cannot be imported under another name: the models folder already has a file of that name, and its name, %2 bytes long, leaves no room for “ (%3)” in the 255 bytes a file name can have (the copy is made with “.importing” after it). Rename the file to at most %4 bytes, then import it.</source>
        <translation>%1 は別の名前でインポートできません：モデルフォルダーにすでに同じ名前のファイルがあり、%2 バイトあるその名前には、ファイル名の上限 255 バイトの中に「 (%3)」を加える余地がありません（コピーは後ろに「.importing」を付けて作られます）。ファイル名を %4 バイト以下に変更してから、インポートしてください。</translation>
    </message>
    <message>
        <source>%1 was imported into the models folder.</source>
        <translation>%1 をモデルフォルダーにインポートしました。</translation>
    </message>
</context>
<context>
    <name>rwkv::models::Sha256Job</name>
    <message>
        <source>Cannot read %1 to verify it: %2</source>
        <translation>%1 を読み取って検証できません：%2</translation>
    </message>
    <message>
        <source>Verification was cancelled.</source>
        <translation>検証はキャンセルされました。</translation>
    </message>
</context>
</TS>
