<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
<context>
    <name>AboutDialog</name>
    <message>
        <source>RWKV Desktop</source>
        <translation>RWKV 桌面版</translation>
    </message>
    <message>
        <source>Chat with RWKV-7 models on your own computer</source>
        <translation>在你自己的電腦上與 RWKV-7 模型聊天</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Engine backends</source>
        <translation>推論後端</translation>
    </message>
    <message>
        <source>%1 (built with %2)</source>
        <translation>%1（編譯時為 %2）</translation>
    </message>
    <message>
        <source>Bundled data</source>
        <translation>隨附的資料</translation>
    </message>
    <message>
        <source>World vocabulary</source>
        <translation>World 詞彙表</translation>
    </message>
    <message>
        <source>rwkv_vocab_v20230424.txt, from the RWKV-LM project — Apache-2.0</source>
        <translation>rwkv_vocab_v20230424.txt，來自 RWKV-LM 專案 — Apache-2.0</translation>
    </message>
    <message>
        <source>Demo model</source>
        <translation>示範模型</translation>
    </message>
    <message>
        <source>tiny-rwkv7-834K.pth, from rwkv.cpp&apos;s test suite — Apache-2.0</source>
        <translation>tiny-rwkv7-834K.pth，來自 rwkv.cpp 的測試套件 — Apache-2.0</translation>
    </message>
    <message>
        <source>Model catalog</source>
        <translation>模型目錄</translation>
    </message>
    <message>
        <source>models.json: links to the official RWKV-7 releases; each model keeps its own license (Apache-2.0 for the official ones)</source>
        <translation>models.json：指向 RWKV-7 官方發行版本的連結；每個模型沿用各自的授權條款（官方模型為 Apache-2.0）</translation>
    </message>
    <message>
        <source>Libraries</source>
        <translation>使用的函式庫</translation>
    </message>
    <message>
        <source>Qt 6 (LGPL-3.0), SQLite (public domain), Zstandard (BSD-3-Clause), nlohmann/json (MIT), xxHash (BSD-2-Clause), and the Vulkan loader (Apache-2.0) when the Vulkan backend is built.</source>
        <translation>Qt 6（LGPL-3.0）、SQLite（公眾領域）、Zstandard（BSD-3-Clause）、nlohmann/json（MIT）、xxHash（BSD-2-Clause），以及編譯了 Vulkan 後端時的 Vulkan 載入器（Apache-2.0）。</translation>
    </message>
</context>
<context>
    <name>BranchSwitcher</name>
    <message>
        <source>Previous version</source>
        <translation>上一個版本</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>下一個版本</translation>
    </message>
</context>
<context>
    <name>CodeBlock</name>
    <message>
        <source>code</source>
        <translation>程式碼</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已複製</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>複製</translation>
    </message>
    <message>
        <source>Copy this code to the clipboard</source>
        <translation>將這段程式碼複製到剪貼簿</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Choose a model to start chatting</source>
        <translation>選擇一個模型即可開始聊天</translation>
    </message>
    <message>
        <source>Message RWKV…  (Enter to send, Shift+Enter for a new line)</source>
        <translation>傳訊息給 RWKV…（Enter 傳送，Shift+Enter 換行）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>傳送</translation>
    </message>
    <message>
        <source>Stop the reply (the text so far is kept)</source>
        <translation>停止回覆（已產生的文字會保留）</translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation>傳送（Enter）</translation>
    </message>
    <message>
        <source>Read-only library: new messages cannot be saved</source>
        <translation>對話庫為唯讀：新訊息無法儲存</translation>
    </message>
    <message>
        <source>Loading the model… (you can type: Enter sends once it has loaded)</source>
        <translation>正在載入模型…（可以先輸入：按下 Enter 後，載入完成時即傳送）</translation>
    </message>
    <message>
        <source>Send once the model has loaded (Enter)</source>
        <translation>模型載入完成後傳送（Enter）</translation>
    </message>
    <message>
        <source>Message RWKV…</source>
        <translation>傳訊息給 RWKV…</translation>
    </message>
    <message>
        <source>A reply is being written in “%1”: send once it has ended</source>
        <translation>「%1」中正在撰寫回覆：寫完後再傳送</translation>
    </message>
</context>
<context>
    <name>ConversationDelegate</name>
    <message>
        <source>Rename…</source>
        <translation>重新命名…</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>取消釘選</translation>
    </message>
    <message>
        <source>Pin to top</source>
        <translation>釘選到頂端</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>匯出…</translation>
    </message>
    <message>
        <source>Writing a reply…</source>
        <translation>正在撰寫回覆…</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>開啟於 %1</translation>
    </message>
    <message>
        <source>Instructions…</source>
        <translation>指示…</translation>
    </message>
    <message>
        <source>Starting state…</source>
        <translation>起始狀態…</translation>
    </message>
    <message>
        <source>Rename or delete the folder</source>
        <translation>重新命名或刪除資料夾</translation>
    </message>
    <message>
        <source>Rename, instructions, export, starting state, pin, folder or delete</source>
        <translation>重新命名、指示、匯出、起始狀態、釘選、資料夾或刪除</translation>
    </message>
    <message>
        <source>Move to folder</source>
        <translation>移到資料夾</translation>
    </message>
    <message>
        <source>New folder…</source>
        <translation>新增資料夾…</translation>
    </message>
    <message>
        <source>Remove from folder</source>
        <translation>移出資料夾</translation>
    </message>
    <message>
        <source>Delete folder…</source>
        <translation>刪除資料夾…</translation>
    </message>
    <message>
        <source>Waiting for the Local API…</source>
        <translation>正在等待本機 API…</translation>
    </message>
</context>
<context>
    <name>ConversationDialogs</name>
    <message>
        <source>Delete “%1” and all its messages? This cannot be undone.</source>
        <translation>要刪除「%1」及其所有訊息嗎？此動作無法復原。</translation>
    </message>
    <message>
        <source>Rename conversation</source>
        <translation>重新命名對話</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>標題</translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation>刪除對話</translation>
    </message>
    <message>
        <source>A title keeps its first %1 characters.</source>
        <translation>標題只保留前 %1 個字元。</translation>
    </message>
    <message>
        <source>A conversation needs a title.</source>
        <translation>對話需要一個標題。</translation>
    </message>
    <message>
        <source>Instructions for “%1”</source>
        <translation>「%1」的指示</translation>
    </message>
    <message>
        <source>The model reads these before the chat, as its first turn: a role, a tone, what to keep to.</source>
        <translation>模型會在對話開始前先讀這些內容，當作它的第一輪：扮演的角色、語氣，以及要遵守的事項。</translation>
    </message>
    <message>
        <source>For example: You are a patient tutor. Answer briefly.</source>
        <translation>例如：你是一位有耐心的家教。請簡短回答。</translation>
    </message>
    <message>
        <source>Blank lines are read as single line breaks. A chat that has messages reads them again from the start with new instructions at its next reply.</source>
        <translation>空白行會讀成單一換行。已有訊息的對話換了指示後，下一次回覆時會帶著新的指示從頭重新讀取這些訊息。</translation>
    </message>
    <message>
        <source>Instructions for this new chat</source>
        <translation>這段新對話的指示</translation>
    </message>
    <message>
        <source>New folder</source>
        <translation>新增資料夾</translation>
    </message>
    <message>
        <source>Rename folder</source>
        <translation>重新命名資料夾</translation>
    </message>
    <message>
        <source>Folder name, e.g. Work</source>
        <translation>資料夾名稱，例如：工作</translation>
    </message>
    <message>
        <source>Delete folder</source>
        <translation>刪除資料夾</translation>
    </message>
</context>
<context>
    <name>ConversationSidebar</name>
    <message>
        <source>RWKV Desktop</source>
        <translation>RWKV 桌面版</translation>
    </message>
    <message>
        <source>+  New chat</source>
        <translation>+  新增對話</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>對話</translation>
    </message>
    <message>
        <source>No conversations yet.
Say hello to start one.</source>
        <translation>還沒有對話。
打聲招呼，開始第一段對話吧。</translation>
    </message>
    <message numerus="yes">
        <source>No conversations.
%n chat(s) in the trash.
Say hello to start a new one.</source>
        <translation>
            <numerusform>這裡沒有對話。
垃圾桶裡有 %n 段對話。
打聲招呼，開始新的對話吧。</numerusform>
        </translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>匯入…</translation>
    </message>
    <message>
        <source>Add a conversation from a .rwkvchat bundle or a JSON export</source>
        <translation>從 .rwkvchat 套件或 JSON 匯出檔新增對話</translation>
    </message>
    <message>
        <source>Importing a conversation…</source>
        <translation>正在匯入對話…</translation>
    </message>
</context>
<context>
    <name>CustomSamplingSettings</name>
    <message>
        <source>Temperature</source>
        <translation>溫度</translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation>Top-p（核取樣）</translation>
    </message>
    <message>
        <source>Presence penalty</source>
        <translation>存在懲罰</translation>
    </message>
    <message>
        <source>Frequency penalty</source>
        <translation>頻率懲罰</translation>
    </message>
    <message>
        <source>Penalty decay</source>
        <translation>懲罰衰減</translation>
    </message>
    <message>
        <source>Longest reply (tokens)</source>
        <translation>最長回覆（token）</translation>
    </message>
    <message>
        <source>Higher: more varied words; 0: always the likeliest</source>
        <translation>越高用詞越多樣；0：總是選最可能的</translation>
    </message>
    <message>
        <source>Only the likeliest words that add up to this share; 0: always the likeliest</source>
        <translation>只從機率合計達到這個比例的最可能的詞中選；0：總是選最可能的</translation>
    </message>
    <message>
        <source>Lowers a word once it has been used</source>
        <translation>用過的詞被壓低</translation>
    </message>
    <message>
        <source>Lowers a word more each time it is used</source>
        <translation>詞每用一次就被壓低更多</translation>
    </message>
    <message>
        <source>How long the penalties remember a word (1: for the whole reply)</source>
        <translation>懲罰記住一個詞多久（1：整則回覆）</translation>
    </message>
    <message>
        <source>The reply stops at this length</source>
        <translation>回覆到這個長度就停止</translation>
    </message>
    <message>
        <source>%1 must be a whole number from %2 to %3.</source>
        <translation>%1 必須是 %2 到 %3 之間的整數。</translation>
    </message>
    <message>
        <source>%1 must be a number from %2 to %3.</source>
        <translation>%1 必須是 %2 到 %3 之間的數。</translation>
    </message>
    <message>
        <source>Reset to the chat preset&apos;s values</source>
        <translation>重設為「聊天」預設組合的值</translation>
    </message>
    <message>
        <source>Used by the chats on the Custom preset (chosen next to Send, or as the default above) from their next reply.</source>
        <translation>用於使用「自訂」預設組合的對話（在傳送旁選擇，或設為上面的預設），從下一則回覆起生效。</translation>
    </message>
</context>
<context>
    <name>DownloadBanner</name>
    <message>
        <source>Hide (the download goes on)</source>
        <translation>隱藏（下載會繼續）</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重試</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>繼續</translation>
    </message>
</context>
<context>
    <name>DrawerHeader</name>
    <message>
        <source>Close</source>
        <translation>關閉</translation>
    </message>
</context>
<context>
    <name>EngineError</name>
    <message>
        <source>The file could not be found or opened.</source>
        <translation>找不到或無法開啟該檔案。</translation>
    </message>
    <message>
        <source>The file could not be read. Check that it can be read and that its disk works.</source>
        <translation>無法讀取該檔案。請檢查它是否可讀取，以及所在的磁碟是否正常。</translation>
    </message>
    <message>
        <source>This is not a model file RWKV Desktop can read (.pth, .safetensors, .gguf or rwkv.cpp .bin).</source>
        <translation>這不是 RWKV 桌面版能讀取的模型檔案（.pth、.safetensors、.gguf 或 rwkv.cpp .bin）。</translation>
    </message>
    <message>
        <source>The file is incomplete (an interrupted download or copy?). Download or copy it again.</source>
        <translation>檔案不完整（下載或複製中斷了？）。請重新下載或複製。</translation>
    </message>
    <message>
        <source>The file is damaged: its contents do not fit together. Download or copy it again.</source>
        <translation>檔案已損毀：其內容前後不一致。請重新下載或複製。</translation>
    </message>
    <message>
        <source>The file is damaged: some of its weights are not numbers. Download or copy it again.</source>
        <translation>檔案已損毀：其中有些權重不是數值。請重新下載或複製。</translation>
    </message>
    <message>
        <source>The file asks to run code when it is opened, so it was not loaded.</source>
        <translation>這個檔案要求在開啟時執行程式碼，因此沒有載入。</translation>
    </message>
    <message>
        <source>There is not enough memory for this model. Close other programs or choose a smaller model.</source>
        <translation>記憶體不足，無法載入這個模型。請關閉其他程式，或選擇較小的模型。</translation>
    </message>
    <message>
        <source>The chosen device is not available. Choose another device (or Automatic) in Settings.</source>
        <translation>所選的裝置無法使用。請在設定中選擇其他裝置（或「自動」）。</translation>
    </message>
    <message>
        <source>The model&apos;s outputs are not numbers: the file is damaged or is not an RWKV-7 model. Download or copy it again, or choose another model.</source>
        <translation>模型的輸出不是數值：檔案已損毀，或不是 RWKV-7 模型。請重新下載或複製，或選擇其他模型。</translation>
    </message>
    <message>
        <source>No NVIDIA GPU driver was found, so CUDA cannot run on this computer. Choose the CPU or a Vulkan device in Settings.</source>
        <translation>找不到 NVIDIA GPU 驅動程式，因此這台電腦無法使用 CUDA。請在設定中選擇 CPU 或 Vulkan 裝置。</translation>
    </message>
    <message>
        <source>The NVIDIA GPU driver is older than this build of RWKV Desktop needs. Update the driver, or choose the CPU or a Vulkan device in Settings.</source>
        <translation>NVIDIA GPU 驅動程式的版本比這個 RWKV 桌面版所需的舊。請更新驅動程式，或在設定中選擇 CPU 或 Vulkan 裝置。</translation>
    </message>
    <message>
        <source>No NVIDIA GPU was found. Choose the CPU or a Vulkan device in Settings.</source>
        <translation>找不到 NVIDIA GPU。請在設定中選擇 CPU 或 Vulkan 裝置。</translation>
    </message>
    <message>
        <source>This is an %1 model: RWKV Desktop runs RWKV-7 models only. Choose an RWKV-7 model.</source>
        <translation>這是 %1 模型：RWKV 桌面版只能執行 RWKV-7 模型。請選擇 RWKV-7 模型。</translation>
    </message>
    <message>
        <source>This file is not an RWKV model (the details say what it is): RWKV Desktop runs RWKV-7 models only. Choose an RWKV-7 model.</source>
        <translation>這個檔案不是 RWKV 模型（詳細資訊說明了它是什麼）：RWKV 桌面版只能執行 RWKV-7 模型。請選擇 RWKV-7 模型。</translation>
    </message>
    <message>
        <source>This file is not an RWKV-7 model: it does not have RWKV-7&apos;s layers (the details say what it has). Choose an RWKV-7 model.</source>
        <translation>這個檔案不是 RWKV-7 模型：它沒有 RWKV-7 的層（詳細資訊說明了它有什麼）。請選擇 RWKV-7 模型。</translation>
    </message>
    <message>
        <source>This model is not one RWKV Desktop can run (the details say why). Choose another RWKV-7 model.</source>
        <translation>RWKV 桌面版無法執行這個模型（原因見詳細資訊）。請選擇其他 RWKV-7 模型。</translation>
    </message>
    <message>
        <source>The engine refused a setting of this reply (the details say which). Check the reply&apos;s settings and try again.</source>
        <translation>引擎拒絕了這次回覆的一項設定（詳細資訊說明了是哪一項）。請檢查回覆的設定後再試一次。</translation>
    </message>
    <message>
        <source>The model&apos;s file could not be found or opened any more. Load the model again.</source>
        <translation>已經找不到或無法開啟模型的檔案。請重新載入模型。</translation>
    </message>
    <message>
        <source>The model&apos;s file could not be read. Check that its disk works, then load the model again.</source>
        <translation>無法讀取模型的檔案。請檢查它所在的磁碟是否正常，然後重新載入模型。</translation>
    </message>
    <message>
        <source>The model&apos;s file is damaged. Download or copy it again, or choose another model.</source>
        <translation>模型的檔案已損毀。請重新下載或複製，或選擇其他模型。</translation>
    </message>
    <message>
        <source>The text holds a token this model does not have: its tokenizer does not fit its weights. Choose another model.</source>
        <translation>文字中有這個模型沒有的 token：它的分詞器與權重不相符。請選擇其他模型。</translation>
    </message>
    <message>
        <source>A saved state of this chat does not fit the loaded model. Try again; if it fails again, report it with the details.</source>
        <translation>這段對話儲存的某個狀態與已載入的模型不相符。請再試一次；如果再次失敗，請附上詳細資訊回報這個問題。</translation>
    </message>
    <message>
        <source>A saved state of this chat is damaged. Try again; if it fails again, report it with the details.</source>
        <translation>這段對話儲存的某個狀態已損毀。請再試一次；如果再次失敗，請附上詳細資訊回報這個問題。</translation>
    </message>
    <message>
        <source>There is not enough memory to write the reply. Close other programs or choose a smaller model.</source>
        <translation>記憶體不足，無法撰寫回覆。請關閉其他程式，或選擇較小的模型。</translation>
    </message>
    <message>
        <source>The device writing the reply is not available any more. Choose another device (or Automatic) in Settings.</source>
        <translation>撰寫回覆的裝置已無法使用。請在設定中選擇其他裝置（或「自動」）。</translation>
    </message>
    <message>
        <source>The reply was cancelled.</source>
        <translation>回覆已取消。</translation>
    </message>
    <message>
        <source>Something went wrong inside RWKV Desktop while it wrote the reply (a bug: the details say where). Try again, and report it if it happens again.</source>
        <translation>RWKV 桌面版在撰寫回覆時發生內部錯誤（這是程式錯誤：詳細資訊說明了出錯的位置）。請再試一次；如果再次發生，請回報這個問題。</translation>
    </message>
    <message>
        <source>The reply could not be written (the details say why).</source>
        <translation>無法撰寫回覆（原因見詳細資訊）。</translation>
    </message>
    <message>
        <source>The reply could not be written.</source>
        <translation>無法撰寫回覆。</translation>
    </message>
    <message>
        <source>This is not a model file: it is %1.</source>
        <translation>這不是模型檔案：它是%1。</translation>
    </message>
    <message>
        <source>This is an RWKV state-tuning file (a trained starting state), not a model. Load a model, then choose this file as a chat&apos;s starting state (⋯ → Starting state…).</source>
        <translation>這是 RWKV 狀態微調檔案（訓練出的起始狀態），不是模型。請先載入模型，再於對話的 ⋯ → 起始狀態… 中選擇此檔案。</translation>
    </message>
    <message>
        <source>This is not a file stored on a disk but one the system makes up as it is read (a file of /proc or /sys), so it cannot be a model. Choose a model file.</source>
        <translation>這不是存放在磁碟上的檔案，而是系統在讀取時才產生的檔案（/proc 或 /sys 中的檔案），所以不可能是模型。請選擇一個模型檔案。</translation>
    </message>
    <message>
        <source>This is a model, not a state-tuning file: open it with the model button (top right).</source>
        <translation>這是模型，不是狀態微調檔案：請用右上方的模型按鈕開啟它。</translation>
    </message>
    <message>
        <source>This is not a file stored on a disk (a device, a pipe, or a file of /proc or /sys), so it cannot be a starting state. Choose a state-tuning file.</source>
        <translation>這不是存放在磁碟上的檔案（而是裝置、管道或 /proc、/sys 中的檔案），因此不能作為起始狀態。請選擇狀態微調檔案。</translation>
    </message>
    <message>
        <source>This is not an RWKV state-tuning file (a .pth or .safetensors file of a trained starting state).</source>
        <translation>這不是 RWKV 狀態微調檔案（訓練出的起始狀態的 .pth 或 .safetensors 檔案）。</translation>
    </message>
    <message>
        <source>This state-tuning file is for a model RWKV Desktop cannot run (the details say why).</source>
        <translation>此狀態微調檔案所屬的模型 RWKV 桌面版無法執行（原因見詳細資訊）。</translation>
    </message>
    <message>
        <source>This state-tuning file was made for a model of another size (the details name both). Choose one made for the loaded model, or load the model it was made for.</source>
        <translation>此狀態微調檔案是為另一種大小的模型製作的（詳細資訊中列出了兩者）。請選擇為目前載入的模型製作的檔案，或載入它所對應的模型。</translation>
    </message>
    <message>
        <source>This is %1, not a file stored on a disk, so it cannot be a model. Choose a model file.</source>
        <translation>這是%1，不是存放在磁碟上的檔案，所以不可能是模型。請選擇一個模型檔案。</translation>
    </message>
    <message>
        <source>This is %1, not a file stored on a disk, so it cannot be a starting state. Choose a state-tuning file.</source>
        <translation>這是%1，不是存放在磁碟上的檔案，因此不能作為起始狀態。請選擇狀態微調檔案。</translation>
    </message>
    <message>
        <source>a named pipe (FIFO)</source>
        <translation>具名管道（FIFO）</translation>
    </message>
    <message>
        <source>a character device</source>
        <translation>字元裝置</translation>
    </message>
    <message>
        <source>a block device</source>
        <translation>區塊裝置</translation>
    </message>
    <message>
        <source>a socket</source>
        <translation>通訊端</translation>
    </message>
    <message>
        <source>a file of %1, which the system makes up as it is read</source>
        <translation>%1 中的檔案（系統在讀取時才產生其內容）</translation>
    </message>
    <message>
        <source>a file of one of the kernel&apos;s own file systems, which the system makes up as it is read</source>
        <translation>核心自身檔案系統中的檔案（系統在讀取時才產生其內容）</translation>
    </message>
    <message>
        <source>Some of this model&apos;s weights are too large for fp16 weights (the details name one). Choose int8 in Settings → Weights in memory and the CPU in Settings → Device: int8 weights hold them.</source>
        <translation>此模型的部分權重超出了 fp16 權重能表示的範圍（詳細資訊中列出了其中一個）。請在「設定 → 記憶體中的權重」中選擇 int8，並在「設定 → 執行裝置」中選擇 CPU：int8 權重可以容納它們。</translation>
    </message>
    <message>
        <source>Some of this model&apos;s weights are too large for both fp16 and int8 weights, the kinds this window loads (the details name one). No trained model has such weights: the file may be damaged. Download or copy it again, or choose another model.</source>
        <translation>此模型的部分權重過大，fp16 與 int8 權重（本視窗能載入的兩種）都無法容納（詳細資訊中列出了其中一個）。訓練好的模型不會有這樣的權重：檔案可能已損毀。請重新下載或複製它，或者選擇另一個模型。</translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>關閉</translation>
    </message>
    <message>
        <source>Your conversations are open read-only: %1 (or its folder) cannot be written, so new messages and changes will not be saved. Make it writable and restart RWKV Desktop to save again.</source>
        <translation>你的對話以唯讀方式開啟：%1（或其所在的資料夾）無法寫入，因此新訊息和變更都不會儲存。請將它設為可寫入，然後重新啟動 RWKV 桌面版，即可恢復儲存。</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>詳細資訊：%1</translation>
    </message>
    <message>
        <source>Your conversations are open read-only: %2 cannot be written now (%1), so new messages and changes will not be saved. Free some space on its disk and restart RWKV Desktop to save again.</source>
        <translation>你的對話以唯讀方式開啟：%2 目前無法寫入（%1），因此新訊息和變更都不會儲存。請釋出其所在磁碟的空間，然後重新啟動 RWKV 桌面版，即可恢復儲存。</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已複製</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>複製</translation>
    </message>
    <message>
        <source>Copy every reply not saved to the clipboard</source>
        <translation>將所有尚未儲存的回覆複製到剪貼簿</translation>
    </message>
    <message>
        <source>Copy the reply not saved to the clipboard</source>
        <translation>將尚未儲存的回覆複製到剪貼簿</translation>
    </message>
</context>
<context>
    <name>HeaderBar</name>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Download and manage models</source>
        <translation>下載及管理模型</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在載入…</translation>
    </message>
    <message>
        <source>Choose a model…</source>
        <translation>選擇模型…</translation>
    </message>
    <message>
        <source>Choose a model file</source>
        <translation>選擇模型檔案</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Device, language, theme and folders (Ctrl+,)</source>
        <translation>裝置、語言、主題與資料夾（Ctrl+,）</translation>
    </message>
    <message>
        <source>The model can be changed once the reply is written</source>
        <translation>回覆寫完後才能更換模型</translation>
    </message>
    <message>
        <source>Hide the conversations</source>
        <translation>隱藏對話清單</translation>
    </message>
    <message>
        <source>Show the conversations</source>
        <translation>顯示對話清單</translation>
    </message>
</context>
<context>
    <name>ImportBanner</name>
    <message>
        <source>This conversation was made with %1, which is not on this computer. Download it (%2) to continue where it left off?</source>
        <translation>這段對話是用 %1 產生的，但這台電腦上沒有該模型。要下載它（%2）並從上次中斷處繼續嗎？</translation>
    </message>
    <message>
        <source>Download (%1)</source>
        <translation>下載（%1）</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>關閉</translation>
    </message>
    <message>
        <source>Import a copy</source>
        <translation>匯入一份副本</translation>
    </message>
</context>
<context>
    <name>InstructionsField</name>
    <message>
        <source>Not pasted: the %1 characters on the clipboard would make these instructions longer than %2. A long text for the model to read goes in a message.</source>
        <translation>未貼上：剪貼簿上的 %1 個字元會讓指示超過 %2 個字元。要讓模型閱讀的長文字請放在訊息裡。</translation>
    </message>
    <message>
        <source>Instructions hold at most %1 characters; this text has %2. Shorten it to keep it.</source>
        <translation>指示最多 %1 個字元，這段文字有 %2 個。請縮短後再儲存。</translation>
    </message>
    <message>
        <source>Instructions hold at most %1 characters, an emoji, a flag or some accented letters counting as 2 or more; this text has %2 counted so (%3 as you read them). Shorten it to keep it.</source>
        <translation>指示最多 %1 個字元，一個表情符號、一面旗幟或某些帶重音的字母按 2 個或更多計算；這樣計算，這段文字有 %2 個（你看到的是 %3 個）。請縮短後再儲存。</translation>
    </message>
    <message>
        <source>Not pasted: the %1 characters on the clipboard, %2 as the limit counts them (an emoji, a flag or some accented letters count as 2 or more), would make these instructions longer than %3. A long text for the model to read goes in a message.</source>
        <translation>未貼上：剪貼簿上的 %1 個字元按上限的算法是 %2 個（一個表情符號、一面旗幟或某些帶重音的字母按 2 個或更多計算），會讓指示超過 %3 個字元。要讓模型閱讀的長文字請放在訊息裡。</translation>
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
        <translation>變更這段對話的指示</translation>
    </message>
    <message>
        <source>Add instructions…</source>
        <translation>新增指示…</translation>
    </message>
    <message>
        <source>What the model reads before this new chat: a role, a tone, what to keep to</source>
        <translation>模型在這段新對話開始前會先讀的內容：扮演的角色、語氣，以及要遵守的事項</translation>
    </message>
</context>
<context>
    <name>MadeFromLine</name>
    <message>
        <source>Made from “%1”</source>
        <translation>建立自「%1」</translation>
    </message>
    <message>
        <source>Open the chat this one was made from, at the message it was made from</source>
        <translation>開啟建立此對話的原對話，並移到建立時所在的訊息</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>%1 — RWKV Desktop</source>
        <translation>%1 — RWKV 桌面版</translation>
    </message>
    <message>
        <source>RWKV Desktop</source>
        <translation>RWKV 桌面版</translation>
    </message>
    <message>
        <source>Choose an RWKV-7 model</source>
        <translation>選擇 RWKV-7 模型</translation>
    </message>
    <message>
        <source>RWKV models (*.pth *.safetensors *.gguf *.bin)</source>
        <translation>RWKV 模型 (*.pth *.safetensors *.gguf *.bin)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有檔案 (*)</translation>
    </message>
    <message>
        <source>Import a conversation</source>
        <translation>匯入對話</translation>
    </message>
    <message>
        <source>Conversations (*.rwkvchat *.json)</source>
        <translation>對話檔案 (*.rwkvchat *.json)</translation>
    </message>
    <message>
        <source>Export a conversation</source>
        <translation>匯出對話</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>匯出</translation>
    </message>
    <message>
        <source>Bundle (*.rwkvchat)</source>
        <translation>對話套件 (*.rwkvchat)</translation>
    </message>
    <message>
        <source>JSON export (*.json)</source>
        <translation>JSON 匯出檔 (*.json)</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown 檔案 (*.md)</translation>
    </message>
    <message>
        <source>Ctrl+L: type a path</source>
        <translation>Ctrl+L：輸入路徑</translation>
    </message>
    <message>
        <source>Replace “%1”?</source>
        <translation>要取代「%1」嗎？</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>取代</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>A file named “%1” is already in this folder. Replacing it overwrites what it holds.</source>
        <translation>這個資料夾裡已經有名為「%1」的檔案。取代會覆寫它原有的內容。</translation>
    </message>
    <message>
        <source>Your unsent text can&apos;t be kept: the disk is full. Copy it before you quit.</source>
        <translation>未傳送的文字無法保留：磁碟已滿。請在結束前先複製。</translation>
    </message>
    <message>
        <source>Quit and lose the text in the message box?</source>
        <translation>要結束並捨棄訊息框中的文字嗎？</translation>
    </message>
    <message>
        <source>The disk is full: the text in the message box could not be saved as this chat&apos;s draft. If you quit now, it is lost. Copy it first to keep it.</source>
        <translation>磁碟已滿：訊息框中的文字無法儲存為這段對話的草稿。如果現在結束，這些文字就會遺失。若要保留，請先複製。</translation>
    </message>
    <message>
        <source>Quit and lose it</source>
        <translation>結束並捨棄</translation>
    </message>
    <message>
        <source>Back to the text</source>
        <translation>返回文字</translation>
    </message>
    <message>
        <source>RWKV Desktop may not write its drafts file %1 (%2): the text in the message box could not be saved as this chat&apos;s draft. If you quit now, it is lost. Copy it first to keep it.</source>
        <translation>RWKV 桌面版沒有權限寫入它的草稿檔 %1（%2）：訊息框中的文字無法儲存為這段對話的草稿。如果現在結束，這些文字就會遺失。若要保留，請先複製。</translation>
    </message>
    <message>
        <source>The drafts file %1 could not be written (%2): the text in the message box could not be saved as this chat&apos;s draft. If you quit now, it is lost. Copy it first to keep it.</source>
        <translation>無法寫入草稿檔 %1（%2）：訊息框中的文字無法儲存為這段對話的草稿。如果現在結束，這些文字就會遺失。若要保留，請先複製。</translation>
    </message>
    <message>
        <source>Your unsent text can&apos;t be kept: RWKV Desktop may not write its drafts file %1 (%2). Copy it before you quit.</source>
        <translation>未傳送的文字無法保留：RWKV 桌面版沒有權限寫入它的草稿檔 %1（%2）。請在結束前先複製。</translation>
    </message>
    <message>
        <source>Your unsent text can&apos;t be kept: the drafts file %1 could not be written (%2). Copy it before you quit.</source>
        <translation>未傳送的文字無法保留：無法寫入草稿檔 %1（%2）。請在結束前先複製。</translation>
    </message>
    <message>
        <source>the chat “%1”</source>
        <translation>對話「%1」</translation>
    </message>
    <message>
        <source>%1 chats (“%2” among them)</source>
        <translation>%1 段對話（包括「%2」）</translation>
    </message>
    <message>
        <source>Quit and lose the text that could not be saved?</source>
        <translation>要結束並捨棄無法儲存的文字嗎？</translation>
    </message>
    <message>
        <source>RWKV Desktop may not write its drafts file %1 (%2)</source>
        <translation>RWKV 桌面版沒有權限寫入它的草稿檔 %1（%2）</translation>
    </message>
    <message>
        <source>The drafts file %1 could not be written (%2)</source>
        <translation>無法寫入草稿檔 %1（%2）</translation>
    </message>
    <message>
        <source>The disk is full</source>
        <translation>磁碟已滿</translation>
    </message>
    <message>
        <source>%1: the text in the message box and the unsent text of %2 could not be saved. If you quit now, all of it is lost. Copy it first to keep it.</source>
        <translation>%1：訊息框中的文字以及%2中未傳送的文字都無法儲存。如果現在結束，這些文字都會遺失。若要保留，請先複製。</translation>
    </message>
    <message>
        <source>%1: the unsent text of %2 could not be saved. If you quit now, it is lost. Copy it first to keep it.</source>
        <translation>%1：%2中未傳送的文字無法儲存。如果現在結束，這些文字就會遺失。若要保留，請先複製。</translation>
    </message>
    <message>
        <source>Read-only library: new messages and changes are not saved (%1 cannot be written).</source>
        <translation>對話庫為唯讀：新訊息和變更不會儲存（%1 無法寫入）。</translation>
    </message>
    <message>
        <source>RWKV state-tuning files (*.pth *.safetensors)</source>
        <translation>RWKV 狀態微調檔案 (*.pth *.safetensors)</translation>
    </message>
    <message>
        <source>Starting state for “%1”</source>
        <translation>「%1」的起始狀態</translation>
    </message>
    <message>
        <source>Starting state for this new chat</source>
        <translation>此新對話的起始狀態</translation>
    </message>
</context>
<context>
    <name>MarkdownSegment</name>
    <message>
        <source>Copied the link %1 — RWKV Desktop opens only web links.</source>
        <translation>已複製連結 %1。RWKV 桌面版只開啟網頁連結。</translation>
    </message>
    <message>
        <source>No browser opened the link %1 — it was copied: paste it into a browser.</source>
        <translation>沒有瀏覽器開啟連結 %1。連結已複製，請貼到瀏覽器中。</translation>
    </message>
</context>
<context>
    <name>MessageActions</name>
    <message>
        <source>Read-only library: changes cannot be saved</source>
        <translation>對話庫為唯讀：變更無法儲存</translation>
    </message>
    <message>
        <source>✓ Copied</source>
        <translation>✓ 已複製</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>複製</translation>
    </message>
    <message>
        <source>Copy this message to the clipboard</source>
        <translation>將這則訊息複製到剪貼簿</translation>
    </message>
    <message>
        <source>↻ Regenerate</source>
        <translation>↻ 重新產生</translation>
    </message>
    <message>
        <source>Write another reply from the same point; this one is kept</source>
        <translation>從同一處再寫一則回覆；這一則會保留</translation>
    </message>
    <message>
        <source>✎ Edit</source>
        <translation>✎ 編輯</translation>
    </message>
    <message>
        <source>Change this message; the conversation so far is kept as another version</source>
        <translation>修改這則訊息；目前的對話會保留為另一個版本</translation>
    </message>
    <message>
        <source>Edit message</source>
        <translation>編輯訊息</translation>
    </message>
    <message>
        <source>Send as new version</source>
        <translation>以新版本傳送</translation>
    </message>
    <message>
        <source>New chat from here</source>
        <translation>從這裡開新對話</translation>
    </message>
    <message>
        <source>Start a new chat with the conversation before this question; the question waits in its message box</source>
        <translation>用這個問題之前的對話開一個新對話；這個問題會放在新對話的輸入框裡</translation>
    </message>
    <message>
        <source>Start a new chat with the conversation up to this reply; it goes on from here without reading it again</source>
        <translation>用到這則回覆為止的對話開一個新對話；它從這裡接著聊，不必重新讀取</translation>
    </message>
    <message>
        <source>Making the new chat…</source>
        <translation>正在建立新對話…</translation>
    </message>
    <message>
        <source>→ Continue</source>
        <translation>→ 繼續</translation>
    </message>
    <message>
        <source>Write on from where this reply was cut off, as a new version; this one is kept</source>
        <translation>從這則回覆被截斷的地方接著寫，作為新版本；這一則會保留</translation>
    </message>
    <message>
        <source>3 replies</source>
        <translation>3 則回覆</translation>
    </message>
    <message>
        <source>Write three new versions of this reply at once, from the same point, to compare with ‹ ›; this one is kept</source>
        <translation>從同一處同時寫出這則回覆的三個新版本，可用 ‹ › 比較；這一則會保留</translation>
    </message>
</context>
<context>
    <name>MessageBubble</name>
    <message>
        <source>Unfinished: this reply was cut off. Regenerate for a complete one.</source>
        <translation>未完成：這則回覆被中斷了。點選「重新產生」以取得完整回覆。</translation>
    </message>
    <message>
        <source>No reply: it ended before its first word (stopped, failed or cut off). Regenerate to try again.</source>
        <translation>沒有回覆：在寫出第一個字之前就已結束（被停止、發生錯誤或被中斷）。點選「重新產生」再試一次。</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Cut off when the program writing it was closed. Regenerate for a complete one.</source>
        <translation>寫這則回覆的程式關閉時，它被中斷了。點選「重新產生」以取得完整回覆。</translation>
    </message>
    <message>
        <source>Reached the length limit</source>
        <translation>已達長度上限</translation>
    </message>
    <message>
        <source>Reply not saved: it was shown as it was written, but could not be saved (the disk was full, or another program was using the database) before RWKV Desktop ended. Regenerate to write a new one.</source>
        <translation>回覆未儲存：它在撰寫時已顯示，但在 RWKV 桌面版結束前未能儲存（磁碟已滿，或有其他程式正在使用資料庫）。請重新產生一則新的回覆。</translation>
    </message>
    <message>
        <source>Reply not saved: it was shown as it was written, but could not be saved (the disk was full, or another program was using the database) before RWKV Desktop ended. Its question was read with the next message.</source>
        <translation>回覆未儲存：它在撰寫時已顯示，但在 RWKV 桌面版結束前未能儲存（磁碟已滿，或有其他程式正在使用資料庫）。它的問題已與下一則訊息一起讀取。</translation>
    </message>
    <message>
        <source>No reply: it ended before its first word (stopped, failed or cut off), so its question was read with the next message.</source>
        <translation>沒有回覆：在寫出第一個字之前就已結束（被停止、發生錯誤或被中斷），因此它的問題已與下一則訊息一起讀取。</translation>
    </message>
    <message>
        <source>No reply: you stopped it before its first word, so its question was read with the next message.</source>
        <translation>沒有回覆：你在它寫出第一個字之前就停止了，因此它的問題已與下一則訊息一起讀取。</translation>
    </message>
    <message>
        <source>No reply: you stopped it before its first word. Regenerate to write one.</source>
        <translation>沒有回覆：你在它寫出第一個字之前就停止了。點選「重新產生」寫一則回覆。</translation>
    </message>
    <message>
        <source>No reply: RWKV Desktop was closed before its first word, so its question was read with the next message.</source>
        <translation>沒有回覆：RWKV 桌面版在它寫出第一個字之前就關閉了，因此它的問題已與下一則訊息一起讀取。</translation>
    </message>
    <message>
        <source>No reply: RWKV Desktop was closed before its first word. Regenerate to write one.</source>
        <translation>沒有回覆：RWKV 桌面版在它寫出第一個字之前就關閉了。點選「重新產生」寫一則回覆。</translation>
    </message>
    <message>
        <source>Unfinished: this reply was cut off. Continue it, or regenerate a complete one.</source>
        <translation>未完成：這則回覆被中斷了。點選「繼續」接著寫，或點選「重新產生」取得完整回覆。</translation>
    </message>
    <message>
        <source>Cut off when the program writing it was closed. Continue it, or regenerate a complete one.</source>
        <translation>寫這則回覆的程式關閉時，它被中斷了。點選「繼續」接著寫，或點選「重新產生」取得完整回覆。</translation>
    </message>
    <message>
        <source>Reply not saved: it was shown as it was written, but could not be saved (the disk was full, or another program was using the database) before RWKV Desktop ended. Its question will be read with the next message that gets a reply.</source>
        <translation>回覆未儲存：它在撰寫時已顯示，但在 RWKV 桌面版結束前未能儲存（磁碟已滿，或有其他程式正在使用資料庫）。它的問題將與下一則得到回覆的訊息一起讀取。</translation>
    </message>
    <message>
        <source>No reply: you stopped it before its first word, so its question will be read with the next message that gets a reply.</source>
        <translation>沒有回覆：你在它寫出第一個字之前就停止了，因此它的問題將與下一則得到回覆的訊息一起讀取。</translation>
    </message>
    <message>
        <source>No reply: RWKV Desktop was closed before its first word, so its question will be read with the next message that gets a reply.</source>
        <translation>沒有回覆：RWKV 桌面版在它寫出第一個字之前就關閉了，因此它的問題將與下一則得到回覆的訊息一起讀取。</translation>
    </message>
    <message>
        <source>No reply: it ended before its first word (stopped, failed or cut off), so its question will be read with the next message that gets a reply.</source>
        <translation>沒有回覆：在寫出第一個字之前就已結束（被停止、發生錯誤或被中斷），因此它的問題將與下一則得到回覆的訊息一起讀取。</translation>
    </message>
    <message>
        <source>(only spaces or invisible characters)</source>
        <translation>（只有空格或不可見字元）</translation>
    </message>
</context>
<context>
    <name>MessageView</name>
    <message>
        <source>How can I help?</source>
        <translation>有什麼我可以幫忙的？</translation>
    </message>
    <message>
        <source>Everything runs on this computer. Conversations are saved with the model&apos;s memory, so long chats continue instantly.</source>
        <translation>一切都在這台電腦上執行。對話會連同模型的記憶一起儲存，長對話也能立即接續。</translation>
    </message>
    <message>
        <source>You are trying the bundled demo model, a tiny test model: its replies are English-looking babble. For real conversations, &lt;a href=&quot;models&quot;&gt;download a model&lt;/a&gt; (0.1B to 13.3B).</source>
        <translation>你正在試用隨附的示範模型，這只是一個很小的測試模型：它的回覆是看似英文的胡言亂語。若要真正對話，請&lt;a href=&quot;models&quot;&gt;下載模型&lt;/a&gt;（0.1B 到 13.3B）。</translation>
    </message>
    <message>
        <source>No messages in this chat</source>
        <translation>這段對話裡沒有訊息</translation>
    </message>
    <message>
        <source>Its title and settings are here, but none of its messages: they could not be read back from a damaged conversation database, or none was saved. Write below to start it again.</source>
        <translation>它的標題和設定都還在，但沒有任何訊息：這些訊息無法從損毀的對話資料庫中讀回，或者一則也沒有儲存下來。在下方輸入即可重新開始。</translation>
    </message>
</context>
<context>
    <name>ModelFileCheck</name>
    <message>
        <source>Damaged</source>
        <translation>已損毀</translation>
    </message>
    <message>
        <source>Not RWKV-7</source>
        <translation>不是 RWKV-7</translation>
    </message>
    <message>
        <source>Cannot be used</source>
        <translation>無法使用</translation>
    </message>
    <message>
        <source>%1
Details: %2</source>
        <translation>%1
詳細資訊：%2</translation>
    </message>
    <message>
        <source>Starting state</source>
        <translation>起始狀態</translation>
    </message>
</context>
<context>
    <name>ModelManagerPage</name>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Choose the models folder</source>
        <translation>選擇模型資料夾</translation>
    </message>
    <message>
        <source>Import a model file</source>
        <translation>匯入模型檔案</translation>
    </message>
    <message>
        <source>Model files (*.pth *.gguf *.st *.safetensors *.bin)</source>
        <translation>模型檔案 (*.pth *.gguf *.st *.safetensors *.bin)</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>關閉</translation>
    </message>
    <message>
        <source>Models folder</source>
        <translation>模型資料夾</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>變更…</translation>
    </message>
    <message>
        <source>Download from</source>
        <translation>下載來源</translation>
    </message>
    <message>
        <source>Available models</source>
        <translation>可下載的模型</translation>
    </message>
    <message>
        <source>Verifying sha256…</source>
        <translation>正在驗證 sha256…</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就緒</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重試</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下載</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暫停</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>繼續</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>這台電腦上的模型</translation>
    </message>
    <message>
        <source>Import from disk…</source>
        <translation>從磁碟匯入…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
    <message>
        <source>No models yet: download one above or import a file.</source>
        <translation>還沒有模型：請從上方下載，或匯入模型檔案。</translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation>刪除模型</translation>
    </message>
    <message>
        <source>Delete %1 from the models folder?</source>
        <translation>要從模型資料夾中刪除 %1 嗎？</translation>
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
        <translation>目前只有隨附的示範模型（它的回覆是胡言亂語）：請從上方下載模型，或匯入模型檔案。</translation>
    </message>
    <message>
        <source>Ctrl+L: type a path</source>
        <translation>Ctrl+L：輸入路徑</translation>
    </message>
    <message>
        <source>Deleted: it stays loaded until you choose another model or quit</source>
        <translation>已刪除：在你選擇其他模型或結束之前，它仍會保持載入</translation>
    </message>
    <message>
        <source>%1 is the model in use. Delete it from the models folder? It stays loaded until you choose another model or quit.</source>
        <translation>%1 是正在使用的模型。要從模型資料夾中刪除它嗎？在你選擇其他模型或結束之前，它仍會保持載入。</translation>
    </message>
    <message>
        <source>%1 · in %2</source>
        <translation>%1 · 位於 %2</translation>
    </message>
    <message>
        <source>%1 · bundled demo model</source>
        <translation>%1 · 隨附的示範模型</translation>
    </message>
    <message>
        <source>Download again</source>
        <translation>重新下載</translation>
    </message>
    <message>
        <source>Ctrl+L: a path from your home folder</source>
        <translation>Ctrl+L：從你的家目錄開始輸入路徑</translation>
    </message>
    <message>
        <source>%1 · loaded as %2</source>
        <translation>%1 · 以 %2 載入</translation>
    </message>
    <message>
        <source>Renamed to %1, which is not a model file name: it stays loaded until you choose another model or quit</source>
        <translation>已重新命名為 %1，這不是模型檔案名稱：在你選擇其他模型或結束之前，它仍會保持載入</translation>
    </message>
</context>
<context>
    <name>PastedText</name>
    <message>
        <source>Long text: one line, %1 characters</source>
        <translation>長文字：1 行，%1 個字元</translation>
    </message>
    <message>
        <source>Long text: %1 lines, %2 characters</source>
        <translation>長文字：%1 行，%2 個字元</translation>
    </message>
    <message>
        <source>Pasted text: one line, %1 characters</source>
        <translation>貼上的文字：1 行，%1 個字元</translation>
    </message>
    <message>
        <source>Pasted text: %1 lines, %2 characters</source>
        <translation>貼上的文字：%1 行，%2 個字元</translation>
    </message>
    <message>
        <source>Remove this text from the message</source>
        <translation>從訊息中移除這段文字</translation>
    </message>
    <message>
        <source>Remove the pasted text</source>
        <translation>移除貼上的文字</translation>
    </message>
    <message>
        <source>Part of the message, before what is in the box; not shown in the box because it is long</source>
        <translation>訊息的一部分，位於訊息框內容之前；因為太長，不在訊息框中顯示</translation>
    </message>
    <message>
        <source>Sent with your message, before what you type in the box</source>
        <translation>與你的訊息一起傳送，位於你在訊息框中輸入的內容之前</translation>
    </message>
</context>
<context>
    <name>PrefillBar</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop reading (Esc); the message stays, without a reply</source>
        <translation>停止讀取（Esc）；訊息會保留，但不會有回覆</translation>
    </message>
</context>
<context>
    <name>PresetChooser</name>
    <message>
        <source>Default (%1)</source>
        <translation>預設（%1）</translation>
    </message>
    <message>
        <source>Follows the preset chosen in Settings (now %1). %2</source>
        <translation>依照設定中選擇的預設組合（目前為%1）。%2</translation>
    </message>
    <message>
        <source>Sampling preset for this conversation&apos;s replies</source>
        <translation>這段對話回覆所用的取樣預設組合</translation>
    </message>
</context>
<context>
    <name>SamplingPresetTexts</name>
    <message>
        <source>Chat</source>
        <translation>聊天</translation>
    </message>
    <message>
        <source>Precise</source>
        <translation>精確</translation>
    </message>
    <message>
        <source>Creative</source>
        <translation>創意</translation>
    </message>
    <message>
        <source>The official RWKV chat settings (temperature 1.0, top-p 0.3)</source>
        <translation>RWKV 官方聊天設定（temperature 1.0，top-p 0.3）</translation>
    </message>
    <message>
        <source>Sticks to the most likely words; good for questions and facts (top-p 0.1)</source>
        <translation>只選最可能的詞，適合問答與事實類問題（top-p 0.1）</translation>
    </message>
    <message>
        <source>More varied wording for stories and ideas (temperature 1.2, top-p 0.6)</source>
        <translation>用詞更多樣，適合寫故事和發想點子（temperature 1.2，top-p 0.6）</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自訂</translation>
    </message>
    <message>
        <source>Your values from Settings: temperature %1, top-p %2, presence penalty %3, frequency penalty %4, penalty decay %5, replies up to %6 tokens</source>
        <translation>你在設定中設定的值：溫度 %1，top-p %2，存在懲罰 %3，頻率懲罰 %4，懲罰衰減 %5，回覆最多 %6 個 token</translation>
    </message>
</context>
<context>
    <name>SearchField</name>
    <message>
        <source>Search conversations</source>
        <translation>搜尋對話</translation>
    </message>
    <message>
        <source>A search uses at most %1 characters</source>
        <translation>搜尋內容最多 %1 個字元</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>清除搜尋</translation>
    </message>
</context>
<context>
    <name>SearchResults</name>
    <message>
        <source>No messages match “%1”.</source>
        <translation>沒有符合「%1」的訊息。</translation>
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
        <translation>選擇資料資料夾</translation>
    </message>
    <message>
        <source>Choose the models folder</source>
        <translation>選擇模型資料夾</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>About RWKV Desktop</source>
        <translation>關於 RWKV 桌面版</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外觀</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>語言</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>系統預設</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主題</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟隨系統</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>淺色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>執行裝置</translation>
    </message>
    <message>
        <source>Where models run. Changing it reloads the current model. If the chosen GPU cannot hold the model, the CPU is used and the app says why.</source>
        <translation>模型在哪裡執行。變更後會重新載入目前的模型。如果所選的 GPU 放不下模型，會改用 CPU，並說明原因。</translation>
    </message>
    <message>
        <source>The saved device “%1” is not present now; models load on the CPU until it is back or you choose another.</source>
        <translation>已儲存的裝置「%1」目前不存在；在它恢復或你選擇其他裝置之前，模型會在 CPU 上載入。</translation>
    </message>
    <message>
        <source>In use now: %1</source>
        <translation>目前使用：%1</translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation>CPU 執行緒數</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自動</translation>
    </message>
    <message>
        <source>Automatic uses all %1 hardware threads, or one for a very small model.</source>
        <translation>「自動」會使用全部 %1 個硬體執行緒；非常小的模型只用一個。</translation>
    </message>
    <message>
        <source>Replies</source>
        <translation>回覆</translation>
    </message>
    <message>
        <source>Sampling preset</source>
        <translation>取樣預設組合</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>資料夾</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>對話</translation>
    </message>
    <message>
        <source>Used from the next start. Now in use: %1</source>
        <translation>下次啟動時生效。目前使用：%1</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>變更…</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>預設</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Settings are saved at once in %1.</source>
        <translation>設定會立即儲存到 %1。</translation>
    </message>
    <message>
        <source>A conversation can choose its own preset next to Send; this one is used by the others.</source>
        <translation>每段對話可以在「傳送」旁選擇自己的預設組合；其他對話則使用這裡的設定。</translation>
    </message>
    <message>
        <source>Ctrl+L: a path from your home folder</source>
        <translation>Ctrl+L：從你的家目錄開始輸入路徑</translation>
    </message>
    <message>
        <source>Fewer CPU threads</source>
        <translation>減少 CPU 執行緒</translation>
    </message>
    <message>
        <source>More CPU threads</source>
        <translation>增加 CPU 執行緒</translation>
    </message>
    <message>
        <source>The device, CPU threads and weights chosen apply once the model now loading is ready: it then loads again.</source>
        <translation>所選的裝置、CPU 執行緒數和權重格式，會在正在載入的模型就緒後套用：屆時模型會再次載入。</translation>
    </message>
    <message>
        <source>The device, CPU threads and weights chosen apply when the reply under way ends or is stopped: the model then loads again.</source>
        <translation>所選的裝置、CPU 執行緒數和權重格式，會在目前的回覆結束或停止後套用：屆時模型會重新載入。</translation>
    </message>
    <message>
        <source>Weights in memory</source>
        <translation>記憶體中的權重</translation>
    </message>
    <message>
        <source>fp16 — exact, more memory</source>
        <translation>fp16 — 精確，占用較多記憶體</translation>
    </message>
    <message>
        <source>int8 — about half the memory, slightly less exact</source>
        <translation>int8 — 約占一半記憶體，精確度略低</translation>
    </message>
    <message>
        <source>int8 lets a larger model fit in memory, the GPU&apos;s or the computer&apos;s RAM (a 7B model in about 8 GB instead of 15 GB); its replies differ slightly. Changing it reloads the current model.</source>
        <translation>int8 能讓較大的模型放進記憶體，無論是 GPU 的顯示記憶體還是電腦的 RAM（7B 模型約需 8 GB，而不是 15 GB）；回覆會略有不同。變更後會重新載入目前的模型。</translation>
    </message>
    <message>
        <source>Instructions for new chats</source>
        <translation>新對話的指示</translation>
    </message>
    <message>
        <source>None</source>
        <translation>無</translation>
    </message>
    <message>
        <source>A new chat starts with these (the model reads them before the chat). Each chat keeps its own: change them in its ⋯ menu (Instructions…).</source>
        <translation>新對話會以這些指示開始（模型會在對話開始前先讀它們）。每段對話各自保留自己的指示：可在它的 ⋯ 選單中選擇「指示…」變更。</translation>
    </message>
    <message>
        <source>Local API server</source>
        <translation>本機 API 伺服器</translation>
    </message>
    <message>
        <source>OpenAI-compatible API</source>
        <translation>OpenAI 相容 API</translation>
    </message>
    <message>
        <source>Serve on port</source>
        <translation>服務連接埠</translation>
    </message>
    <message>
        <source>Serving the OpenAI-compatible API at %1</source>
        <translation>正在 %1 提供 OpenAI 相容 API</translation>
    </message>
    <message>
        <source>Off. When it is on, programs on this computer can use the loaded model at %1</source>
        <translation>已關閉。開啟後，這台電腦上的程式可以透過 %1 使用已載入的模型</translation>
    </message>
    <message>
        <source>Only programs on this computer can connect (127.0.0.1), without a password. Requests take turns with this window&apos;s replies, one at a time.</source>
        <translation>只有這台電腦上的程式可以連線（127.0.0.1），不需要密碼。請求會與這個視窗的回覆輪流進行，一次一個。</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>文字大小</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1％</translation>
    </message>
    <message>
        <source>Ctrl+= larger, Ctrl+- smaller, Ctrl+0 back to 100 %</source>
        <translation>Ctrl+= 放大，Ctrl+- 縮小，Ctrl+0 恢復為 100％</translation>
    </message>
    <message>
        <source>Custom sampling</source>
        <translation>自訂取樣</translation>
    </message>
    <message>
        <source>Freeing space…</source>
        <translation>正在釋放空間…</translation>
    </message>
    <message>
        <source>A reply is being written: its state is saved when it ends. Free the space after that.</source>
        <translation>正在寫回覆：它的狀態會在回覆結束時儲存。請在那之後再釋放空間。</translation>
    </message>
    <message numerus="yes">
        <source>%n older saved state(s) deleted, but the database file could not be made smaller (%1): the space inside it is used again by later saved states.</source>
        <translation>
            <numerusform>已刪除 %n 個較舊的儲存的狀態，但資料庫檔案無法縮小（%1）：其中空出的空間會由之後儲存的狀態再次使用。</numerusform>
        </translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁碟已滿</translation>
    </message>
    <message>
        <source>Freed %1 of unused space in the database.</source>
        <translation>已釋放資料庫中 %1 未使用的空間。</translation>
    </message>
    <message>
        <source>Nothing to free: each chat keeps only its newest saved state.</source>
        <translation>沒有可釋放的空間：每個聊天只保留了最新的儲存的狀態。</translation>
    </message>
    <message numerus="yes">
        <source>Freed %1: %n older saved state(s) deleted.</source>
        <translation>
            <numerusform>已釋放 %1：刪除了 %n 個較舊的儲存的狀態。</numerusform>
        </translation>
    </message>
    <message>
        <source>Free space used by saved states?</source>
        <translation>釋放儲存的狀態佔用的空間？</translation>
    </message>
    <message>
        <source>Each chat keeps only its newest saved model state, on the version it opens on; its older states are deleted and the database file is made smaller. No message is deleted: a chat continued from another version reads its text again once, which takes longer.</source>
        <translation>每個聊天只保留它開啟時所在版本上最新的模型儲存的狀態；較舊的狀態會被刪除，資料庫檔案隨之縮小。不會刪除任何訊息：從其他版本繼續的聊天會重新讀一次它的文字，需要更長的時間。</translation>
    </message>
    <message>
        <source>Free space</source>
        <translation>釋放空間</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Saved model states: none (database %1)</source>
        <translation>模型儲存的狀態：無（資料庫 %1）</translation>
    </message>
    <message numerus="yes">
        <source>Saved model states: %1 in %n chat(s) (database %2)</source>
        <translation>
            <numerusform>模型儲存的狀態：%n 個聊天中共 %1（資料庫 %2）</numerusform>
        </translation>
    </message>
    <message>
        <source>Free space used by saved states</source>
        <translation>釋放儲存的狀態佔用的空間</translation>
    </message>
    <message numerus="yes">
        <source>Saved model states: %1, all in %n chat(s) in the trash (database %2)</source>
        <translation>
            <numerusform>模型儲存的狀態：垃圾桶裡的 %n 個聊天中共 %1（資料庫 %2）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved model states: %1 in %n chat(s), %2 (database %3)</source>
        <comment>%2 is “%n more in the trash”</comment>
        <translation>
            <numerusform>模型儲存的狀態：%n 個聊天及%2中共 %1（資料庫 %3）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more in the trash</source>
        <comment>chats holding saved states</comment>
        <translation>
            <numerusform>垃圾桶裡的 %n 個</numerusform>
        </translation>
    </message>
    <message>
        <source>ports %1 to %2</source>
        <translation>連接埠 %1 到 %2</translation>
    </message>
    <message numerus="yes">
        <source>%n older saved state(s) deleted, but the database file could not be made smaller: it is damaged where a saved state is kept. At its next start RWKV Desktop checks the whole file and offers to recover the chats that can still be read.</source>
        <translation>
            <numerusform>已刪除 %n 個較舊的儲存的狀態，但資料庫檔案無法縮小：存放儲存的狀態之處已損毀。RWKV 桌面版下次啟動時會檢查整個檔案，並提供復原仍能讀取之對話的選項。</numerusform>
        </translation>
    </message>
    <message>
        <source>Settings could not be saved in %1: its disk is full. Your changes hold until RWKV Desktop quits.</source>
        <translation>設定無法儲存到 %1：磁碟已滿。你的變更在 RWKV 桌面版結束前有效。</translation>
    </message>
    <message>
        <source>Settings could not be saved in %1: it cannot be written. Your changes hold until RWKV Desktop quits.</source>
        <translation>設定無法儲存到 %1：該檔案無法寫入。你的變更在 RWKV 桌面版結束前有效。</translation>
    </message>
</context>
<context>
    <name>StartStateLine</name>
    <message>
        <source>Starting state: %1</source>
        <translation>起始狀態：%1</translation>
    </message>
    <message>
        <source>This chat starts from a state-tuning file instead of an empty state</source>
        <translation>此對話從狀態微調檔案開始，而不是從空狀態開始</translation>
    </message>
    <message>
        <source>Choose another file…</source>
        <translation>選擇其他檔案…</translation>
    </message>
    <message>
        <source>Start from an empty state</source>
        <translation>從空狀態開始</translation>
    </message>
    <message>
        <source>Add a starting state…</source>
        <translation>新增起始狀態…</translation>
    </message>
    <message>
        <source>Start this new chat from a state-tuning file instead of an empty state</source>
        <translation>讓此新對話從狀態微調檔案開始，而不是從空狀態開始</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>A reply is being written in “%1”…</source>
        <translation>「%1」中正在撰寫回覆…</translation>
    </message>
    <message>
        <source>Memory: %1 tokens read</source>
        <translation>記憶：已讀取 %1 個 token</translation>
    </message>
    <message>
        <source>This chat&apos;s memory has read %1 tokens since it began: every message, reply and text read again. An RWKV model has no context limit to run into: its memory keeps the same size however long the chat grows, but details from far back fade. For a new topic, start a new chat, or use “New chat from here” under a reply to go on from that point in a chat of its own.</source>
        <translation>這個對話的記憶自開始以來已讀取 %1 個 token：所有訊息、回覆和重新讀取的文字。RWKV 模型沒有會撞上的上下文上限：無論對話多長，它的記憶大小都不變，但很久以前的細節會逐漸淡去。要換新話題，請開始新對話，或在某則回覆下使用「從這裡開新對話」，從那一點起在獨立的對話中繼續。</translation>
    </message>
    <message>
        <source>A reply in “%1” is waiting for a Local API request…</source>
        <translation>「%1」中的回覆正在等待本機 API 請求…</translation>
    </message>
</context>
<context>
    <name>StoreError</name>
    <message>
        <source>The conversation database %1 is read-only, so this change was not saved. Make the file and its folder writable, then start again.</source>
        <translation>對話資料庫 %1 是唯讀的，因此這次變更沒有儲存。請將該檔案及其資料夾設為可寫入，然後重新啟動。</translation>
    </message>
    <message>
        <source>The conversation database %1 was replaced or removed by another program while RWKV Desktop had it open, so this change was not saved and nothing more is written to it (writing on would damage the file now at that path). Quit and start RWKV Desktop again to use the file that is there now.</source>
        <translation>RWKV 桌面版開啟對話資料庫 %1 期間，它被另一個程式取代或移除了，因此這次變更沒有儲存，之後也不會再寫入它（繼續寫入會損毀目前位於該路徑的檔案）。請結束並重新啟動 RWKV 桌面版，以使用目前在那裡的檔案。</translation>
    </message>
    <message>
        <source>The conversation database %1 is locked by another program (%2). Close the other program using it (another RWKV Desktop or rwkv-cli) and try again; nothing was changed.</source>
        <translation>對話資料庫 %1 被另一個程式鎖定（%2）。請關閉正在使用它的程式（另一個 RWKV 桌面版或 rwkv-cli）後再試一次；沒有做任何變更。</translation>
    </message>
    <message>
        <source>The disk holding the conversation database %1 is full, so this change was not saved. Free some space and try again.</source>
        <translation>存放對話資料庫 %1 的磁碟已滿，因此這次變更沒有儲存。請釋出一些空間後再試一次。</translation>
    </message>
    <message>
        <source>A disk error occurred while using the conversation database %1 (%2); the last change may not have been saved. Check the disk and try again.</source>
        <translation>使用對話資料庫 %1 時發生磁碟錯誤（%2）；最後一次變更可能沒有儲存。請檢查磁碟後再試一次。</translation>
    </message>
    <message>
        <source>Out of memory while using the conversation database %1. Close other programs and try again.</source>
        <translation>使用對話資料庫 %1 時記憶體不足。請關閉其他程式後再試一次。</translation>
    </message>
    <message>
        <source>Free some space on that disk and choose Try again, or start RWKV Desktop with --data-dir naming a folder on another disk.</source>
        <translation>請在那個磁碟上釋出一些空間後選擇「重試」，或以 --data-dir 指定另一個磁碟上的資料夾來啟動 RWKV 桌面版。</translation>
    </message>
    <message>
        <source>The disk is full: RWKV Desktop cannot set up its conversation database.</source>
        <translation>磁碟已滿：RWKV 桌面版無法建立它的對話資料庫。</translation>
    </message>
    <message>
        <source>File: %1
The disk holding it has no room for a new conversation database, so the app cannot start with it. Nothing was changed.</source>
        <translation>檔案：%1
存放它的磁碟沒有空間容納新的對話資料庫，因此應用程式無法以它啟動。沒有做任何變更。</translation>
    </message>
    <message>
        <source>RWKV Desktop cannot write its conversation database.</source>
        <translation>RWKV 桌面版無法寫入它的對話資料庫。</translation>
    </message>
    <message>
        <source>File: %1
A disk error occurred while setting it up (%2): the disk may be full, or a file there cannot grow. Nothing was changed.</source>
        <translation>檔案：%1
建立它時發生磁碟錯誤（%2）：磁碟可能已滿，或那裡的檔案無法再變大。沒有做任何變更。</translation>
    </message>
    <message>
        <source>The conversation database %1 is a folder, not a database file: move or rename it.</source>
        <translation>對話資料庫 %1 是一個資料夾，而不是資料庫檔案：請移走它或為它重新命名。</translation>
    </message>
    <message>
        <source>The conversation database %1 is not a regular file (a device, a named pipe or a socket): move or remove it.</source>
        <translation>對話資料庫 %1 不是一般檔案（而是裝置、具名管道或通訊端）：請移走或移除它。</translation>
    </message>
    <message>
        <source>The conversation database %1 is %2, not a file stored on a disk: move or remove it.</source>
        <translation>對話資料庫 %1 是%2，不是存放在磁碟上的檔案：請移走或移除它。</translation>
    </message>
    <message>
        <source>The conversation database %1 is a link to %2, which does not exist: remove the link, or point it at a database file.</source>
        <translation>對話資料庫 %1 是指向 %2 的連結，但 %2 不存在：請移除這個連結，或讓它指向一個資料庫檔案。</translation>
    </message>
    <message>
        <source>Cannot create the conversation database %1: its folder %2 cannot be written. Make the folder writable, or keep the database in another one.</source>
        <translation>無法建立對話資料庫 %1：它所在的資料夾 %2 無法寫入。請將這個資料夾設為可寫入，或把資料庫放在其他資料夾。</translation>
    </message>
    <message>
        <source>Cannot create the conversation database %1: its folder %2 does not exist. Create the folder, or keep the database in another one.</source>
        <translation>無法建立對話資料庫 %1：它所在的資料夾 %2 不存在。請建立這個資料夾，或把資料庫放在其他資料夾。</translation>
    </message>
    <message>
        <source>RWKV Desktop is still saving a reply to the conversation database %1, so this change was not made. Try again in a moment.</source>
        <translation>RWKV 桌面版仍在將一則回覆儲存到對話資料庫 %1，因此這次變更沒有進行。請稍後再試。</translation>
    </message>
    <message>
        <source>The conversation database %1 is damaged, so the reply could not be saved (the details say where).</source>
        <translation>對話資料庫 %1 已損毀，因此無法儲存回覆（詳細資訊說明了損毀的位置）。</translation>
    </message>
    <message>
        <source>The conversation database %1 could not save the reply (the details say why).</source>
        <translation>對話資料庫 %1 無法儲存回覆（原因見詳細資訊）。</translation>
    </message>
    <message>
        <source>Recovered chat %1</source>
        <translation>復原的對話 %1</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁碟已滿</translation>
    </message>
    <message>
        <source>RWKV Desktop is freeing the space used by saved states in the conversation database %1 (Settings → Folders), so this change was not made. Try again once it has finished.</source>
        <translation>RWKV 桌面版正在釋放對話資料庫 %1 中儲存的狀態佔用的空間（設定 → 資料夾），因此這次變更沒有進行。完成後請再試一次。</translation>
    </message>
    <message>
        <source>Cannot create the conversation database %1: no file can be made in its folder %2 (%3). Keep the database in another folder.</source>
        <translation>無法建立對話資料庫 %1：它所在的資料夾 %2 中無法建立任何檔案（%3）。請把資料庫放在其他資料夾。</translation>
    </message>
    <message>
        <source>it does not exist</source>
        <translation>它不存在</translation>
    </message>
    <message>
        <source>it is a file, not a folder</source>
        <translation>它是檔案，不是資料夾</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>權限不足</translation>
    </message>
    <message>
        <source>a disk mounted read-only</source>
        <translation>磁碟以唯讀方式掛載</translation>
    </message>
    <message>
        <source>the disk quota is used up</source>
        <translation>磁碟配額已用完</translation>
    </message>
    <message>
        <source>the system lets no file be made in it</source>
        <translation>系統不允許在其中建立檔案</translation>
    </message>
    <message>
        <source>the disk is full: mending the file&apos;s damaged list of free pages writes it anew, which needs about %1 free on its disk; nothing was lost, and the next start tries again</source>
        <translation>磁碟已滿：修復檔案中損毀的空閒頁清單需要將整個檔案重新寫入，其所在磁碟約需 %1 可用空間；沒有遺失任何內容，下次啟動時會再次嘗試</translation>
    </message>
</context>
<context>
    <name>ThinkBlock</name>
    <message>
        <source>Reasoning</source>
        <translation>推理過程</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>思考中…</translation>
    </message>
    <message>
        <source>Hide the reasoning</source>
        <translation>隱藏推理過程</translation>
    </message>
    <message>
        <source>Show the reasoning</source>
        <translation>顯示推理過程</translation>
    </message>
    <message>
        <source>(no reasoning written)</source>
        <translation>（沒有寫出推理過程）</translation>
    </message>
</context>
<context>
    <name>TrashButton</name>
    <message>
        <source>🗑 Trash (%1)</source>
        <translation>🗑 垃圾桶（%1）</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>垃圾桶</translation>
    </message>
    <message>
        <source>Deleted conversations are kept here for 30 days, then removed for good.</source>
        <translation>刪除的對話會在這裡保留 30 天，之後永久移除。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>還原</translation>
    </message>
    <message>
        <source>Delete forever</source>
        <translation>永久刪除</translation>
    </message>
    <message>
        <source>The trash is empty.</source>
        <translation>垃圾桶是空的。</translation>
    </message>
    <message>
        <source>Empty trash</source>
        <translation>清空垃圾桶</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message>
        <source>Empty trash?</source>
        <translation>要清空垃圾桶嗎？</translation>
    </message>
    <message>
        <source>Delete the conversation in the trash for good? This cannot be undone.</source>
        <translation>要永久刪除垃圾桶中的這段對話嗎？此動作無法復原。</translation>
    </message>
    <message>
        <source>Delete all %1 conversations in the trash for good? This cannot be undone.</source>
        <translation>要永久刪除垃圾桶中全部 %1 段對話嗎？此動作無法復原。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>TypedText</name>
    <message>
        <source>Left out %1: direction controls turn the text around, so messages keep none.</source>
        <translation>已移除 %1：方向控制字元會顛倒文字的順序，因此訊息中不保留這類字元。</translation>
    </message>
</context>
<context>
    <name>UndoBar</name>
    <message>
        <source>“%1” moved to the trash</source>
        <translation>「%1」已移到垃圾桶</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>復原</translation>
    </message>
</context>
<context>
    <name>UnsavedReplyDialog</name>
    <message>
        <source>A reply is not saved</source>
        <translation>有一則回覆尚未儲存</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重試</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已複製</translation>
    </message>
    <message>
        <source>Copy reply</source>
        <translation>複製回覆</translation>
    </message>
    <message>
        <source>Quit anyway</source>
        <translation>仍要結束</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Still no room: the reply is not saved yet.</source>
        <translation>仍然沒有空間：這則回覆還沒有儲存。</translation>
    </message>
    <message>
        <source>Still in use by another program: the reply is not saved yet.</source>
        <translation>仍有其他程式在使用它：這則回覆還沒有儲存。</translation>
    </message>
    <message>
        <source>Still cannot be written: the reply is not saved yet.</source>
        <translation>仍然無法寫入：這則回覆還沒有儲存。</translation>
    </message>
    <message>
        <source>Copy replies</source>
        <translation>複製全部回覆</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Test hook: with --screenshot, save the window S seconds after start (a download or a reply in progress) instead, then quit.</source>
        <translation>測試掛鉤：與 --screenshot 一起使用時，改為在啟動 S 秒後儲存視窗畫面（此時下載或回覆仍在進行），然後結束。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --if-damaged must be ask, recover or move-aside, not &apos;%1&apos;. See --help.</source>
        <translation>rwkv-desktop：--if-damaged 只能是 ask、recover 或 move-aside，而不是「%1」。請參閱 --help。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --screenshot-at says when to save the window: it needs --screenshot FILE.</source>
        <translation>rwkv-desktop：--screenshot-at 指定何時儲存視窗畫面，需要同時提供 --screenshot FILE。</translation>
    </message>
    <message>
        <source>Test hook: with --startup-click, click only once FILE exists.</source>
        <translation>測試掛鉤：與 --startup-click 一起使用時，等到 FILE 存在後才點選。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --startup-click-when says when to click: it needs --startup-click TEXT.</source>
        <translation>rwkv-desktop：--startup-click-when 指定何時點選，需要同時提供 --startup-click TEXT。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --timeout limits the --send and --screenshot test hooks: it needs one of them.</source>
        <translation>rwkv-desktop：--timeout 限制 --send 和 --screenshot 測試掛鉤的時間，需要同時提供其中之一。</translation>
    </message>
    <message>
        <source>When the conversation database is damaged: ask (default), recover (rename it, never delete it, and put what can be read into a new one), or move-aside (rename it and start with an empty history).</source>
        <translation>對話資料庫損毀時：ask（預設，詢問）、recover（將它重新命名移到一旁，絕不刪除，並把還能讀取的內容放進新的資料庫），或 move-aside（將它重新命名移到一旁，並以空白的歷史記錄啟動）。</translation>
    </message>
    <message>
        <source>Your conversation database was damaged. It was moved to %1 (nothing was deleted) and a new, empty one was started.</source>
        <translation>你的對話資料庫已損毀。它已移到 %1（沒有刪除任何內容），並建立了一個新的空白資料庫。</translation>
    </message>
    <message>
        <source>File: %1
Nothing was changed. Move or rename it yourself, then start RWKV Desktop again.

Details: %2</source>
        <translation>檔案：%1
沒有做任何變更。請自行移走或重新命名它，然後重新啟動 RWKV 桌面版。

詳細資訊：%2</translation>
    </message>
    <message>
        <source>The damaged conversation database could not be moved.</source>
        <translation>無法移動已損毀的對話資料庫。</translation>
    </message>
    <message>
        <source>Move it aside and start fresh</source>
        <translation>移到一旁並重新開始</translation>
    </message>
    <message>
        <source>Recover what can be read</source>
        <translation>復原能讀取的內容</translation>
    </message>
    <message>
        <source>Chats whose titles could not be read are named after their first message.</source>
        <translation>標題無法讀取的對話，會以其第一則訊息命名。</translation>
    </message>
    <message>
        <source>Nothing could be recovered from it: %1</source>
        <translation>無法從中復原任何內容：%1</translation>
    </message>
    <message>
        <source>Your conversation database is damaged.</source>
        <translation>你的對話資料庫已損毀。</translation>
    </message>
    <message>
        <source>RWKV Desktop — chat with RWKV-7 models on your computer</source>
        <translation>RWKV 桌面版 — 在你的電腦上與 RWKV-7 模型聊天</translation>
    </message>
    <message>
        <source>Folder for conversations.sqlite.</source>
        <translation>conversations.sqlite 所在的資料夾。</translation>
    </message>
    <message>
        <source>Test hook: send TEXT once the model is loaded.</source>
        <translation>測試掛鉤：模型載入完成後傳送 TEXT。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --select needs a conversation id (a whole number, 1 or more), not &apos;%1&apos;.</source>
        <translation>rwkv-desktop：--select 需要一個對話 ID（1 以上的整數），而不是「%1」。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --keys: &apos;%1&apos; is not a key (Tab, Return, Shift+Tab, ...).</source>
        <translation>rwkv-desktop：--keys：「%1」不是按鍵（例如 Tab、Return、Shift+Tab）。</translation>
    </message>
    <message>
        <source>Test hook: save the window to FILE after the reply (or after loading), then quit.</source>
        <translation>測試掛鉤：回覆完成（或載入完成）後將視窗畫面儲存到 FILE，然後結束。</translation>
    </message>
    <message>
        <source>Test hook time limit in seconds (default 120).</source>
        <translation>測試掛鉤的時間上限，單位為秒（預設 120）。</translation>
    </message>
    <message>
        <source>Interface language, for example zh_CN or en (default: the system language).</source>
        <translation>介面語言，例如 zh_TW 或 en（預設：系統語言）。</translation>
    </message>
    <message>
        <source>Model catalog (models.json) to use instead of the bundled one.</source>
        <translation>要使用的模型目錄（models.json），取代隨附的目錄。</translation>
    </message>
    <message>
        <source>RWKV Desktop</source>
        <translation>RWKV 桌面版</translation>
    </message>
    <message>
        <source>RWKV Desktop cannot create its data folder.</source>
        <translation>RWKV 桌面版無法建立它的資料資料夾。</translation>
    </message>
    <message>
        <source>RWKV Desktop cannot open its conversation database.</source>
        <translation>RWKV 桌面版無法開啟它的對話資料庫。</translation>
    </message>
    <message>
        <source>File: %1
Nothing was changed. What happened and what to do:

%2</source>
        <translation>檔案：%1
沒有做任何變更。發生了什麼事以及該怎麼做：

%2</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>結束</translation>
    </message>
    <message>
        <source>Test hook: open conversation ID at start (repeatable; before the model loads).</source>
        <translation>測試掛鉤：啟動時開啟 ID 所指的對話（可重複；在模型載入之前）。</translation>
    </message>
    <message>
        <source>Test hook: search the conversations for TEXT at start (repeatable).</source>
        <translation>測試掛鉤：啟動時在對話中搜尋 TEXT（可重複）。</translation>
    </message>
    <message>
        <source>Import a conversation bundle (.rwkvchat) or JSON export at start (repeatable: each file in turn, each with its own outcome line).</source>
        <translation>啟動時匯入對話套件（.rwkvchat）或 JSON 匯出檔（可重複：依序逐一匯入，每個檔案各有一行結果）。</translation>
    </message>
    <message>
        <source>“%1” is a file, not a folder.</source>
        <translation>「%1」是檔案，不是資料夾。</translation>
    </message>
    <message>
        <source>The folder “%1” cannot be written (permission denied).</source>
        <translation>資料夾「%1」無法寫入（權限不足）。</translation>
    </message>
    <message>
        <source>“%1” could not be created.</source>
        <translation>無法建立「%1」。</translation>
    </message>
    <message>
        <source>The system names no folder for application data.</source>
        <translation>系統沒有提供存放應用程式資料的資料夾。</translation>
    </message>
    <message>
        <source>%1

Nothing was changed. Start the app with --data-dir naming a folder that can be written (it is created if missing).</source>
        <translation>%1

沒有做任何變更。請以 --data-dir 指定一個可寫入的資料夾來啟動應用程式（資料夾不存在時會自動建立）。</translation>
    </message>
    <message>
        <source>%1. The demo model was loaded instead.</source>
        <translation>%1。已改為載入示範模型。</translation>
    </message>
    <message>
        <source>The disk of the data folder %1 is almost full (%2 free; a reply needs up to %3): new messages may not be saved. Free some space, or choose a data folder on another disk in Settings → Folders (used from the next start).</source>
        <translation>資料資料夾 %1 所在的磁碟快滿了（剩餘 %2；一則回覆最多需要 %3）：新訊息可能無法儲存。請釋出一些空間，或在「設定 → 資料夾」中選擇其他磁碟上的資料資料夾（下次啟動時生效）。</translation>
    </message>
    <message>
        <source>Model file to load at start, this time only (otherwise the model chosen last, or the demo model).</source>
        <translation>啟動時要載入的模型檔案，僅限這一次（否則載入上次選擇的模型，或示範模型）。</translation>
    </message>
    <message>
        <source>Download the catalog model ID, verify it and load it (the demo model answers meanwhile).</source>
        <translation>下載目錄中 ID 所指的模型，驗證後載入（下載期間由示範模型回覆）。</translation>
    </message>
    <message>
        <source>Show a page at start: settings, about, models, or presets (the sampling presets beside Send).</source>
        <translation>啟動時顯示一個頁面：settings、about、models 或 presets（「傳送」旁的取樣預設組合）。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --open must be settings, about, models or presets, not &apos;%1&apos;. See --help.</source>
        <translation>rwkv-desktop：--open 只能是 settings、about、models 或 presets，而不是「%1」。請參閱 --help。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --%1 must be a whole number of seconds, 1 or more, not &apos;%2&apos;. See --help.</source>
        <translation>rwkv-desktop：--%1 必須是 1 以上的整數秒數，而不是「%2」。請參閱 --help。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --reply-pace must be a whole number of milliseconds from 1 to 1000, not &apos;%1&apos;.</source>
        <translation>rwkv-desktop：--reply-pace 必須是 1 到 1000 之間的整數毫秒數，而不是「%1」。</translation>
    </message>
    <message>
        <source>When the conversations folder chosen in Settings cannot be used: ask (default), or use-standard (the standard folder this time).</source>
        <translation>設定中選擇的對話資料夾無法使用時：ask（預設，詢問），或 use-standard（這次使用標準資料夾）。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --if-folder-unusable must be ask or use-standard, not &apos;%1&apos;. See --help.</source>
        <translation>rwkv-desktop：--if-folder-unusable 只能是 ask 或 use-standard，而不是「%1」。請參閱 --help。</translation>
    </message>
    <message>
        <source>The conversations folder chosen in Settings cannot be used.</source>
        <translation>設定中選擇的對話資料夾無法使用。</translation>
    </message>
    <message>
        <source>%1

Nothing was changed. You can start with the standard folder %2 this time (the conversations kept there); Settings keeps your choice, which is used again once it can be.</source>
        <translation>%1

沒有做任何變更。你可以這次以標準資料夾 %2 啟動（使用存放在那裡的對話）；設定會保留你的選擇，等它可以使用時就會再次採用。</translation>
    </message>
    <message>
        <source>Use the standard folder</source>
        <translation>使用標準資料夾</translation>
    </message>
    <message>
        <source>The conversations folder chosen in Settings cannot be used (%1), so the standard folder %2 is used this time.</source>
        <translation>設定中選擇的對話資料夾無法使用（%1），因此這次使用標準資料夾 %2。</translation>
    </message>
    <message>
        <source>RWKV Desktop is already open with this data folder.</source>
        <translation>RWKV 桌面版已經以這個資料資料夾開啟了。</translation>
    </message>
    <message>
        <source>Another RWKV Desktop (process %1) uses %2. Switch to its window, or close it first; nothing was changed.</source>
        <translation>另一個 RWKV 桌面版（處理程序 %1）正在使用 %2。請切換到它的視窗，或先將它關閉；沒有做任何變更。</translation>
    </message>
    <message>
        <source>rwkv-cli is writing to this data folder.</source>
        <translation>rwkv-cli 正在寫入這個資料資料夾。</translation>
    </message>
    <message>
        <source>An rwkv-cli command (process %1) is writing to the conversations in %2. Wait for it to finish, or stop it, then start RWKV Desktop again; nothing was changed.</source>
        <translation>一個 rwkv-cli 指令（處理程序 %1）正在寫入 %2 中的對話。請等它完成或將它停止，然後再啟動 RWKV 桌面版；沒有做任何變更。</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重試</translation>
    </message>
    <message>
        <source>RWKV Desktop cannot find its resources folder, which holds the tokenizer vocabulary that models need (%1), the model catalog (models.json) and the demo model, so no model can be loaded. Looked in: %2. Reinstall RWKV Desktop, or start it with RWKV_DESKTOP_RESOURCES set to that folder.</source>
        <translation>RWKV 桌面版找不到它的資源資料夾，因此無法載入任何模型：這個資料夾存放模型需要的分詞詞彙表（%1）、模型目錄（models.json）和示範模型。已搜尋：%2。請重新安裝 RWKV 桌面版，或將 RWKV_DESKTOP_RESOURCES 設為該資料夾後再啟動。</translation>
    </message>
    <message>
        <source>Test hook: pause MS milliseconds after each piece of a streamed reply (to scroll while it streams) and of a conversation read again (as on a slow device).</source>
        <translation>測試掛鉤：串流回覆每輸出一段、重新讀取對話每讀完一段後，暫停 MS 毫秒（以便在串流時捲動，或模擬較慢的裝置）。</translation>
    </message>
    <message>
        <source>--download: there is no model &quot;%1&quot; in the catalog. Models lists the ones to download.</source>
        <translation>--download：模型目錄中沒有模型「%1」。「模型」頁面列出了可下載的模型。</translation>
    </message>
    <message>
        <source>Or quit and move it yourself.</source>
        <translation>也可以結束程式，自行移走它。</translation>
    </message>
    <message>
        <source>Or quit and move it yourself (the copy kept before its last upgrade is next to it: %1).</source>
        <translation>也可以結束程式，自行移走它（上次升級前保留的副本就在它旁邊：%1）。</translation>
    </message>
    <message>
        <source>File: %1

RWKV Desktop cannot read it (SQLite: %2). You can recover the chats that can still be read into a new database, or move it aside and start with an empty history: either way the file is renamed, not deleted, so it can still be repaired or sent for help later. %3</source>
        <translation>檔案：%1

RWKV 桌面版無法讀取它（SQLite：%2）。你可以將仍能讀取的對話復原到新的資料庫中，或將它移到一旁，以空白的歷史記錄重新開始：無論哪種方式，檔案都只會重新命名，不會刪除，日後仍可修復或寄給他人協助處理。%3</translation>
    </message>
    <message>
        <source>The folder “%1” cannot be written (%2).</source>
        <translation>資料夾「%1」無法寫入（%2）。</translation>
    </message>
    <message>
        <source>Test hook: click the button TEXT of the first start-up problem window (for example “Try again”) once it is shown.</source>
        <translation>測試掛鉤：第一個啟動問題視窗顯示後，點選其中文字為 TEXT 的按鈕（例如「Try again」）。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --set %1 was not applied: %2</source>
        <translation>rwkv-desktop：--set %1 未套用：%2</translation>
    </message>
    <message>
        <source>Neither the conversations folder chosen in Settings nor the standard folder can be used.</source>
        <translation>設定中選擇的對話資料夾和標準資料夾都無法使用。</translation>
    </message>
    <message>
        <source>Test hook: with --screenshot, press these keys in turn once the model is loaded (with --send: once the reply has come; comma-separated, e.g. Tab,Tab,Return), then save the window.</source>
        <translation>測試掛鉤：與 --screenshot 一起使用時，在模型載入完成後（與 --send 一起使用時：回覆完成後）依序按下這些按鍵（以逗號分隔，例如 Tab,Tab,Return），然後儲存視窗畫面。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --keys needs --screenshot FILE.</source>
        <translation>rwkv-desktop：--keys 需要 --screenshot FILE。</translation>
    </message>
    <message>
        <source>cannot be used (%1)</source>
        <translation>無法使用（%1）</translation>
    </message>
    <message>
        <source>The folder chosen in Settings, %1, %2. %3</source>
        <translation>設定中選擇的資料夾 %1 %2。%3</translation>
    </message>
    <message>
        <source>The standard folder, %1, %2. %3</source>
        <translation>標準資料夾 %1 %2。%3</translation>
    </message>
    <message>
        <source>Nothing was changed. Once one of them is fixed, click Try again. From a terminal, --data-dir FOLDER starts with another folder.</source>
        <translation>沒有做任何變更。修好其中一個後，請點選「重試」。在終端機中，可以用 --data-dir 資料夾 以其他資料夾啟動。</translation>
    </message>
    <message>
        <source>The folder “%1” does not exist, nor does %2 on its path (a drive not connected?).</source>
        <translation>資料夾「%1」不存在，路徑上的 %2 也不存在（磁碟機未連接？）。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --select needs the id of a conversation in %1, not &apos;%2&apos;: there is no conversation %2.</source>
        <translation>rwkv-desktop：--select 需要 %1 中某段對話的 ID，而不是「%2」：沒有 ID 為 %2 的對話。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --select needs the id of a conversation in %1, not &apos;%2&apos;: conversation %2 is in the trash.</source>
        <translation>rwkv-desktop：--select 需要 %1 中某段對話的 ID，而不是「%2」：對話 %2 在垃圾桶中。</translation>
    </message>
    <message>
        <source>--download: %1 was not downloaded: %2</source>
        <translation>--download：%1 未下載：%2</translation>
    </message>
    <message>
        <source>The saved states of your chats were damaged in the conversation database and were cleared; no message was touched. Each chat reads its text again once when you continue it.</source>
        <translation>對話資料庫中儲存的對話狀態已損毀，已將其清除；沒有變動任何訊息。每段對話在你繼續時，會重新讀取一次它的文字。</translation>
    </message>
    <message>
        <source>An index of your conversation database was damaged and has been rebuilt; nothing was lost.</source>
        <translation>對話資料庫中的一個索引已損毀，現已重建；沒有遺失任何內容。</translation>
    </message>
    <message>
        <source>Test hook: press KEYS (for example Tab,Return) in the first start-up problem window once it is shown, in place of a click.</source>
        <translation>測試掛鉤：第一個啟動問題視窗顯示後，在其中依序按下 KEYS（例如 Tab,Return），取代點選。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --startup-keys takes keys such as Tab,Return, not &apos;%1&apos;.</source>
        <translation>rwkv-desktop：--startup-keys 需要 Tab,Return 這類按鍵，而不是「%1」。</translation>
    </message>
    <message>
        <source>Your conversation database is read-only and an index in it is damaged, so the index cannot be rebuilt. Your chats are listed and can be read (more slowly), but nothing can be changed. Make the file and its folder writable and start again to rebuild it.</source>
        <translation>你的對話資料庫是唯讀的，而其中的一個索引已損毀，因此無法重建索引。你的對話都會列出，也能閱讀（速度較慢），但無法做任何變更。請將該檔案及其資料夾設為可寫入，然後重新啟動以重建索引。</translation>
    </message>
    <message>
        <source>The disk of the data folder %1 is full (a reply needs up to %2): new messages cannot be saved. Free some space, or choose a data folder on another disk in Settings → Folders (used from the next start).</source>
        <translation>資料資料夾 %1 所在的磁碟已滿（一則回覆最多需要 %2）：新訊息無法儲存。請釋出一些空間，或在「設定 → 資料夾」中選擇其他磁碟上的資料資料夾（下次啟動時生效）。</translation>
    </message>
    <message>
        <source>Another RWKV Desktop (process %1) uses %2: its window was brought forward.</source>
        <translation>另一個 RWKV 桌面版（處理程序 %1）正在使用 %2：已將它的視窗移到最前面。</translation>
    </message>
    <message>
        <source>The newest changes to your conversation database could not be read: they are in %1-wal, and its folder is read-only. The chats are shown as they were before them. Copy the folder somewhere writable and choose the copy in Settings → Folders (used from the next start) to see them.</source>
        <translation>無法讀取你的對話資料庫最近的變更：它們在 %1-wal 中，而它所在的資料夾是唯讀的。目前顯示的是這些變更之前的對話。請將該資料夾複製到可寫入的位置，再於「設定 → 資料夾」中選擇這份副本（下次啟動時生效），即可看到這些變更。</translation>
    </message>
    <message>
        <source>This is not a conversation database.</source>
        <translation>這不是對話資料庫。</translation>
    </message>
    <message>
        <source>File: %1

It is not a conversation database (it is not an SQLite file), so RWKV Desktop left it as it is. You can start a new library beside it: the file keeps its content and is renamed to %2…, and a new, empty conversation database takes its place. Or quit and move it yourself, or start RWKV Desktop on another folder from a terminal: rwkv-desktop --data-dir FOLDER.</source>
        <translation>檔案：%1

它不是對話資料庫（不是 SQLite 檔案），因此 RWKV 桌面版沒有更動它。你可以在它旁邊建立新的對話庫：該檔案內容不變，重新命名為 %2…，並由一個新的空白對話資料庫取代它的位置。也可以結束程式自行移走它，或在終端機中以其他資料夾啟動 RWKV 桌面版：rwkv-desktop --data-dir FOLDER。</translation>
    </message>
    <message>
        <source>Start a new library beside it</source>
        <translation>在旁邊建立新的對話庫</translation>
    </message>
    <message>
        <source>The file in the conversation database&apos;s place was not one (not an SQLite file). It was moved to %1 as it was, and a new, empty conversation database was started.</source>
        <translation>位於對話資料庫位置的檔案並不是對話資料庫（不是 SQLite 檔案）。它已原封不動地移到 %1，並建立了一個新的空白對話資料庫。</translation>
    </message>
    <message numerus="yes">
        <source>Damaged titles: %n chat(s) renamed %1.</source>
        <translation>
            <numerusform>標題已損毀：%n 段對話重新命名為%1。</numerusform>
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
            <numerusform>你的對話資料庫已損毀。能讀取的內容已復原到新的資料庫中：復原了 %n 段對話（%1）%2。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n 則訊息</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n chat(s) could not be read.</source>
        <translation>
            <numerusform>有 %n 段對話無法讀取。</numerusform>
        </translation>
    </message>
    <message>
        <source>The damaged file was moved to %1 (nothing was deleted).</source>
        <translation>損毀的檔案已移到 %1（沒有刪除任何內容）。</translation>
    </message>
    <message>
        <source>, by title only, empty: the messages could not be read (%1)</source>
        <translation>，只復原了標題，內容是空的：訊息無法讀取（%1）</translation>
    </message>
    <message numerus="yes">
        <source>, %n of them by title only, empty: the messages could not be read (%1)</source>
        <translation>
            <numerusform>，其中 %n 段只復原了標題，內容是空的：訊息無法讀取（%1）</numerusform>
        </translation>
    </message>
    <message>
        <source>Others may have been lost too: parts of the file could not be read, so how many is not known.</source>
        <translation>可能還有其他對話遺失：檔案有部分內容無法讀取，因此不知道遺失了多少。</translation>
    </message>
    <message>
        <source>Some chats may have been lost: parts of the file could not be read, so how many is not known.</source>
        <translation>可能有對話遺失：檔案有部分內容無法讀取，因此不知道遺失了多少。</translation>
    </message>
    <message>
        <source>Test hook: try to save a reply not saved yet (a full disk, a locked database) every MS milliseconds instead of every 5 seconds.</source>
        <translation>測試掛鉤：每 MS 毫秒（而不是每 5 秒）嘗試儲存一次尚未儲存的回覆（磁碟已滿、資料庫被鎖定時）。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --save-retry-ms must be a whole number of milliseconds from 100 to 60000, not &apos;%1&apos;.</source>
        <translation>rwkv-desktop：--save-retry-ms 必須是 100 到 60000 之間的整數毫秒數，而不是「%1」。</translation>
    </message>
    <message>
        <source>Serve the local OpenAI-compatible API at http://127.0.0.1:PORT/v1, this time only (otherwise as Settings → Local API server says).</source>
        <translation>僅限這一次，在 http://127.0.0.1:PORT/v1 提供本機 OpenAI 相容 API（否則依照「設定 → 本機 API 伺服器」的選擇）。</translation>
    </message>
    <message>
        <source>Change a setting at run time, as the Settings page does (repeatable): backend, weightType, threads, samplingPreset, dataDir, language, theme, textSize, apiServer, apiPort, and the Custom preset&apos;s customTemperature, customTopP, customPresencePenalty, customFrequencyPenalty, customPenaltyDecay, customMaxTokens.</source>
        <translation>在執行時變更一項設定，效果與設定頁面相同（可重複）：backend、weightType、threads、samplingPreset、dataDir、language、theme、textSize、apiServer、apiPort，以及「自訂」預設組合的 customTemperature、customTopP、customPresencePenalty、customFrequencyPenalty、customPenaltyDecay、customMaxTokens。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --api-port must be a port number from %1 to 65535, not &apos;%2&apos;.</source>
        <translation>rwkv-desktop：--api-port 必須是 %1 到 65535 之間的連接埠號碼，而不是「%2」。</translation>
    </message>
</context>
<context>
    <name>rwkv::app</name>
    <message>
        <source>is a file, not a folder</source>
        <translation>是檔案，不是資料夾</translation>
    </message>
    <message>
        <source>Move or rename that file; the folder is then created.</source>
        <translation>請移動該檔案或為它重新命名，之後就會建立資料夾。</translation>
    </message>
    <message>
        <source>cannot be created: “%1” on its path is a file, not a folder</source>
        <translation>無法建立：路徑上的「%1」是檔案，不是資料夾</translation>
    </message>
    <message>
        <source>a disk mounted read-only</source>
        <translation>磁碟以唯讀方式掛載</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>權限不足</translation>
    </message>
    <message>
        <source>does not exist and cannot be made: the folder above it, “%1”, cannot be written (%2)</source>
        <translation>不存在，也無法建立：它的上層資料夾「%1」無法寫入（%2）</translation>
    </message>
    <message>
        <source>Mount that disk writable.</source>
        <translation>請以可寫入的方式掛載該磁碟。</translation>
    </message>
    <message>
        <source>Make that folder writable for you, or create this one in it yourself.</source>
        <translation>請讓你能寫入該資料夾，或自行在其中建立這個資料夾。</translation>
    </message>
    <message>
        <source>If it is on a drive, connect the drive; else create the missing folders.</source>
        <translation>如果它位於某個磁碟機上，請連接該磁碟機；否則請建立缺少的資料夾。</translation>
    </message>
    <message>
        <source>could not be created</source>
        <translation>無法建立</translation>
    </message>
    <message>
        <source>Check the disk it is on.</source>
        <translation>請檢查它所在的磁碟。</translation>
    </message>
    <message>
        <source>holds a folder named %1 where its database file should be</source>
        <translation>裡有一個名為 %1 的資料夾，占住了資料庫檔案應在的位置</translation>
    </message>
    <message>
        <source>Move or rename that folder.</source>
        <translation>請移動該資料夾或為它重新命名。</translation>
    </message>
    <message>
        <source>holds %1, a link to %2, which does not exist</source>
        <translation>裡的 %1 是指向 %2 的連結，但 %2 不存在</translation>
    </message>
    <message>
        <source>Remove the link, or connect the drive it points to.</source>
        <translation>請移除該連結，或連接它所指向的磁碟機。</translation>
    </message>
    <message>
        <source>cannot be written (%1) and holds no conversation database yet</source>
        <translation>無法寫入（%1），裡面也還沒有對話資料庫</translation>
    </message>
    <message>
        <source>Make the folder writable for you.</source>
        <translation>請讓你能寫入這個資料夾。</translation>
    </message>
    <message>
        <source>cannot be reached: the folder %1 on its path cannot be entered (permission denied)</source>
        <translation>無法存取：路徑上的資料夾 %1 無法進入（權限不足）</translation>
    </message>
    <message>
        <source>Ask the owner of that folder (or an administrator) to let you enter it, or choose another folder.</source>
        <translation>請該資料夾的擁有者（或管理員）允許你進入，或選擇其他資料夾。</translation>
    </message>
    <message>
        <source>does not exist, nor does %1 on its path, and “%2” cannot be written (%3)</source>
        <translation>不存在，路徑上的 %1 也不存在，而且「%2」無法寫入（%3）</translation>
    </message>
    <message>
        <source>cannot be opened (permission denied)</source>
        <translation>無法開啟（權限不足）</translation>
    </message>
    <message>
        <source>does not exist, nor does %1 on its path (a drive not connected?)</source>
        <translation>不存在，路徑上的 %1 也不存在（磁碟機未連接？）</translation>
    </message>
    <message>
        <source>the saved state is damaged: its checksum does not match</source>
        <translation>儲存的狀態已損毀：總和檢查碼不相符</translation>
    </message>
    <message>
        <source>the saved state is damaged: it is cut short</source>
        <translation>儲存的狀態已損毀：資料不完整</translation>
    </message>
    <message>
        <source>the saved state is in a format this version does not read</source>
        <translation>儲存的狀態採用這個版本無法讀取的格式</translation>
    </message>
    <message>
        <source>the saved state is damaged</source>
        <translation>儲存的狀態已損毀</translation>
    </message>
    <message>
        <source>the saved state is damaged: the database is damaged where it is kept</source>
        <translation>儲存的狀態已損毀：資料庫中存放它的部分已損毀</translation>
    </message>
    <message>
        <source>the saved state could not be read</source>
        <translation>無法讀取儲存的狀態</translation>
    </message>
    <message>
        <source>The state-tuning file %1 cannot be read: %2.</source>
        <translation>無法讀取狀態微調檔案 %1：%2。</translation>
    </message>
    <message>
        <source>%1 is a folder, not a state-tuning file.</source>
        <translation>%1 是資料夾，不是狀態微調檔案。</translation>
    </message>
</context>
<context>
    <name>rwkv::app::ApiServer</name>
    <message>
        <source>The local API server is not serving: port %1 (--api-port) is in use by another program. Start again with another port.</source>
        <translation>本機 API 伺服器未提供服務：連接埠 %1（--api-port）已被其他程式占用。請換一個連接埠重新啟動。</translation>
    </message>
    <message>
        <source>The local API server is not serving: port %1 is in use by another program. Choose another port in Settings.</source>
        <translation>本機 API 伺服器未提供服務：連接埠 %1 已被其他程式占用。請在設定中選擇其他連接埠。</translation>
    </message>
    <message>
        <source>The local API server is not serving on port %1: %2</source>
        <translation>本機 API 伺服器未在連接埠 %1 上提供服務：%2</translation>
    </message>
    <message>
        <source>The local API server is not serving: port %1 (--api-port) is below %2, where the system&apos;s services listen. Start again with a port from %2 to 65535.</source>
        <translation>本機 API 伺服器未提供服務：連接埠 %1（--api-port）小於 %2，這些連接埠保留給系統服務使用。請用 %2 到 65535 之間的連接埠重新啟動。</translation>
    </message>
    <message>
        <source>The local API server is not serving: port %1 is below %2, where the system&apos;s services listen. Choose a port from %2 to 65535 in Settings.</source>
        <translation>本機 API 伺服器未提供服務：連接埠 %1 小於 %2，這些連接埠保留給系統服務使用。請在設定中選擇 %2 到 65535 之間的連接埠。</translation>
    </message>
    <message>
        <source>The local API server is not serving: port %1 (--api-port) is refused by the system, as a security policy may keep it from programs like this one. Start again with another port.</source>
        <translation>本機 API 伺服器未提供服務：連接埠 %1（--api-port）被系統拒絕，安全性原則可能不讓此類程式使用它。請換一個連接埠重新啟動。</translation>
    </message>
    <message>
        <source>The local API server is not serving: port %1 is refused by the system, as a security policy may keep it from programs like this one. Choose another port in Settings.</source>
        <translation>本機 API 伺服器未提供服務：連接埠 %1 被系統拒絕，安全性原則可能不讓此類程式使用它。請在設定中選擇其他連接埠。</translation>
    </message>
</context>
<context>
    <name>rwkv::app::AppSettings</name>
    <message>
        <source>read-only file system</source>
        <translation>唯讀檔案系統</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>權限不足</translation>
    </message>
</context>
<context>
    <name>rwkv::app::BundleImportController</name>
    <message>
        <source>size unknown</source>
        <translation>大小未知</translation>
    </message>
    <message>
        <source>Cannot read “%1”: %2</source>
        <translation>無法讀取「%1」：%2</translation>
    </message>
    <message>
        <source>“%1” was not imported: %2</source>
        <translation>未匯入「%1」：%2</translation>
    </message>
    <message>
        <source>Imported “%1” (1 message).</source>
        <translation>已匯入「%1」（1 則訊息）。</translation>
    </message>
    <message>
        <source>Imported “%1” (%2 messages).</source>
        <translation>已匯入「%1」（%2 則訊息）。</translation>
    </message>
    <message>
        <source>It was made with %1, which is in your models folder: load it to continue where it left off.</source>
        <translation>它是用 %1 產生的，該模型就在你的模型資料夾中：載入它即可從上次中斷處繼續。</translation>
    </message>
    <message>
        <source>It was made with %1, which is not here and not in the model catalog.</source>
        <translation>它是用 %1 產生的，但這裡沒有該模型，模型目錄中也沒有。</translation>
    </message>
    <message>
        <source>Downloading %1 — see Models for progress; it loads when it is verified.</source>
        <translation>正在下載 %1 — 進度請見「模型」頁面；驗證通過後會自動載入。</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation>%1（副本）</translation>
    </message>
    <message>
        <source>“%1” is a model file (%2), not a conversation: nothing was imported. Open models with the model button (top right) or on the Models page.</source>
        <translation>「%1」是模型檔案（%2），不是對話：沒有匯入任何內容。請用右上方的模型按鈕或在「模型」頁面開啟模型。</translation>
    </message>
    <message>
        <source>“%1” is neither a conversation bundle (.rwkvchat) nor a JSON export: nothing was imported.</source>
        <translation>「%1」既不是對話套件（.rwkvchat），也不是 JSON 匯出檔：沒有匯入任何內容。</translation>
    </message>
    <message>
        <source>Nothing was exported: that conversation is no longer in your library.</source>
        <translation>沒有匯出任何內容：這段對話已不在你的對話庫中。</translation>
    </message>
    <message>
        <source>Nothing was exported: “%1” is a conversation database, which an export never replaces. Choose another name.</source>
        <translation>沒有匯出任何內容：「%1」是對話資料庫，匯出絕不會取代它。請換一個名稱。</translation>
    </message>
    <message>
        <source>“%1” was not exported: %2</source>
        <translation>未匯出「%1」：%2</translation>
    </message>
    <message>
        <source>Saved “%1” as Markdown: %2</source>
        <translation>已將「%1」儲存為 Markdown：%2</translation>
    </message>
    <message>
        <source>Saved “%1” as a JSON export: %2</source>
        <translation>已將「%1」儲存為 JSON 匯出檔：%2</translation>
    </message>
    <message>
        <source>Saved “%1” as a conversation bundle, to continue it elsewhere with Import…: %2</source>
        <translation>已將「%1」儲存為對話套件，可在別處用「匯入…」繼續：%2</translation>
    </message>
    <message>
        <source>Could not write “%1”: %2. Nothing was written.</source>
        <translation>無法寫入「%1」：%2。沒有寫入任何內容。</translation>
    </message>
    <message>
        <source>the disk is full or the file cannot grow (%1 needed, %2 free)</source>
        <translation>磁碟已滿或檔案無法再變大（需要 %1，剩餘 %2）</translation>
    </message>
    <message>
        <source>Could not write “%1”: there is no folder “%2”. Nothing was written.</source>
        <translation>無法寫入「%1」：資料夾「%2」不存在。沒有寫入任何內容。</translation>
    </message>
    <message>
        <source>Importing “%1”…</source>
        <translation>正在匯入「%1」…</translation>
    </message>
    <message>
        <source>“%1” is already in your library (this file was exported from it or imported before): opened it.</source>
        <translation>「%1」已在你的對話庫中（這個檔案是從中匯出的，或之前已匯入過）：已為你開啟。</translation>
    </message>
    <message>
        <source>Its title was cut to its first %1 characters.</source>
        <translation>它的標題只保留了前 %1 個字元。</translation>
    </message>
    <message>
        <source>Could not write “%1”: the name is too long (%2 bytes of UTF-8, where a file name may have at most %3). Choose a shorter name. Nothing was written.</source>
        <translation>無法寫入「%1」：名稱太長（UTF-8 編碼為 %2 位元組，而檔名最多只能有 %3 位元組）。請換一個較短的名稱。沒有寫入任何內容。</translation>
    </message>
    <message>
        <source>Next: %1.</source>
        <translation>接下來：%1。</translation>
    </message>
    <message>
        <source>It was made with %1, which is not on this computer: Models downloads it.</source>
        <translation>它是用 %1 產生的，這台電腦上沒有該模型：可在「模型」頁面下載。</translation>
    </message>
    <message>
        <source>It was made with %1, the demo model that comes with the app: choose Use on its row in Models → On this computer to continue where it left off.</source>
        <translation>它是用 %1 產生的，也就是應用程式隨附的示範模型：在「模型 → 這台電腦上的模型」中，點選它那一列的「使用」，即可從上次中斷處繼續。</translation>
    </message>
    <message>
        <source>“%1” is already in your library (this file was exported from it or imported before).</source>
        <translation>「%1」已在你的對話庫中（這個檔案是從中匯出的，或之前已匯入過）。</translation>
    </message>
    <message>
        <source>Its saved state was damaged and was left out: the chat reads its text again the first time you continue it.</source>
        <translation>它儲存的狀態已損毀，因此未匯入：你第一次繼續這段對話時，會重新讀取它的文字。</translation>
    </message>
    <message>
        <source>Its saved state is in a form this version cannot read (perhaps made by a newer RWKV Desktop) and was left out: the chat reads its text again the first time you continue it.</source>
        <translation>它儲存的狀態採用這個版本無法讀取的格式（可能由較新版的 RWKV 桌面版產生），因此未匯入：你第一次繼續這段對話時，會重新讀取它的文字。</translation>
    </message>
    <message>
        <source>It had no saved state: this file&apos;s was added.</source>
        <translation>它原本沒有儲存的狀態：已加入這個檔案中的狀態。</translation>
    </message>
    <message>
        <source>This file&apos;s saved state is in a form this version cannot read (perhaps made by a newer RWKV Desktop); the chat in your library is unchanged.</source>
        <translation>這個檔案儲存的狀態採用這個版本無法讀取的格式（可能由較新版的 RWKV 桌面版產生）；你對話庫中的對話沒有變更。</translation>
    </message>
    <message>
        <source>This file&apos;s saved state is damaged; the chat in your library is unchanged.</source>
        <translation>這個檔案儲存的狀態已損毀；你對話庫中的對話沒有變更。</translation>
    </message>
    <message>
        <source>“%1” is neither a conversation bundle (.rwkvchat) nor a JSON export: it is %2. Nothing was imported.</source>
        <translation>「%1」既不是對話套件（.rwkvchat），也不是 JSON 匯出檔：它是%2。沒有匯入任何內容。</translation>
    </message>
    <message>
        <source>Its starting state %1 was damaged and was left out: choose that state-tuning file again (⋯ → Starting state…) when the chat asks for it.</source>
        <translation>它的起始狀態 %1 已損毀，因此未匯入：對話要求時，請重新選擇那個狀態微調檔案（⋯ → 起始狀態…）。</translation>
    </message>
    <message>
        <source>Its starting state %1 could not be read: this file&apos;s was added.</source>
        <translation>它的起始狀態 %1 無法讀取：已加入這個檔案中的起始狀態。</translation>
    </message>
    <message>
        <source>It is in a new folder, “%1”.</source>
        <translation>它已放入新建立的資料夾「%1」。</translation>
    </message>
    <message>
        <source>It is in the folder “%1”.</source>
        <translation>它已放入資料夾「%1」。</translation>
    </message>
    <message>
        <source>Its folder “%1” could not be made here, so it is in no folder: %2</source>
        <translation>無法在這裡建立它的資料夾「%1」，因此它不在任何資料夾中：%2</translation>
    </message>
</context>
<context>
    <name>rwkv::app::ChatController</name>
    <message>
        <source>New chat</source>
        <translation>新對話</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在載入 %1…</translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation>未載入模型</translation>
    </message>
    <message>
        <source>Load a model before sending a message.</source>
        <translation>請先載入模型，再傳送訊息。</translation>
    </message>
    <message>
        <source>The model is still loading. Please wait a moment.</source>
        <translation>模型仍在載入中，請稍候。</translation>
    </message>
    <message>
        <source>A reply is still being written. Wait for it or press Stop.</source>
        <translation>回覆仍在撰寫中。請等它完成，或按下「停止」。</translation>
    </message>
    <message>
        <source>The message is empty. Type something before sending.</source>
        <translation>訊息是空的。請先輸入內容再傳送。</translation>
    </message>
    <message>
        <source>Could not create the conversation: %1</source>
        <translation>無法建立對話：%1</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>思考中…</translation>
    </message>
    <message>
        <source>That conversation no longer exists.</source>
        <translation>該對話已不存在。</translation>
    </message>
    <message>
        <source>A conversation needs a title.</source>
        <translation>對話需要一個標題。</translation>
    </message>
    <message>
        <source>Could not rename the conversation: %1</source>
        <translation>無法重新命名對話：%1</translation>
    </message>
    <message>
        <source>Could not delete the conversation: %1</source>
        <translation>無法刪除對話：%1</translation>
    </message>
    <message>
        <source>Stop the reply before changing the model.</source>
        <translation>請先停止回覆，再更換模型。</translation>
    </message>
    <message>
        <source>A model is already loading. Please wait a moment.</source>
        <translation>已有模型正在載入，請稍候。</translation>
    </message>
    <message>
        <source>The model file “%1” does not exist.</source>
        <translation>模型檔案「%1」不存在。</translation>
    </message>
    <message>
        <source>Could not read the conversations: %1</source>
        <translation>無法讀取對話清單：%1</translation>
    </message>
    <message>
        <source>Could not read the messages: %1</source>
        <translation>無法讀取訊息：%1</translation>
    </message>
    <message>
        <source>Could not load “%1”: %2. Still using %3.</source>
        <translation>無法載入「%1」：%2。仍在使用 %3。</translation>
    </message>
    <message>
        <source>Could not load “%1”: %2</source>
        <translation>無法載入「%1」：%2</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>撰寫中…</translation>
    </message>
    <message>
        <source>The reply failed: %1</source>
        <translation>回覆失敗：%1</translation>
    </message>
    <message>
        <source>Stopped before the reply began</source>
        <translation>在回覆開始前已停止</translation>
    </message>
    <message>
        <source>%1 tokens at %2 tok/s</source>
        <translation>%1 個 token，%2 token/秒</translation>
    </message>
    <message>
        <source>new conversation, read %1 tokens</source>
        <translation>新對話，讀取了 %1 個 token</translation>
    </message>
    <message>
        <source>resumed from saved state, read %1 new tokens</source>
        <translation>從儲存的狀態繼續，讀取了 %1 個新 token</translation>
    </message>
    <message>
        <source>re-read %1 tokens (%2)</source>
        <translation>重新讀取了 %1 個 token（%2）</translation>
    </message>
    <message>
        <source>also read the %1 unanswered questions above</source>
        <translation>同時讀取了上方 %1 則未獲回覆的提問</translation>
    </message>
    <message>
        <source>also read the unanswered question above</source>
        <translation>同時讀取了上方未獲回覆的提問</translation>
    </message>
    <message>
        <source>Stopped · %1</source>
        <translation>已停止 · %1</translation>
    </message>
    <message>
        <source>too little disk space: the state was not saved, the next reply re-reads the conversation</source>
        <translation>磁碟空間不足：狀態未儲存，下一次回覆會重新讀取對話</translation>
    </message>
    <message numerus="yes">
        <source>too little disk space: %n saved state(s) of this and other chats dropped to make room for the text, and this reply&apos;s state was not saved either; a chat without one re-reads its text when continued</source>
        <translation>
            <numerusform>磁碟空間不足：為了騰出空間存放文字，已捨棄這段及其他對話共 %n 個已儲存的狀態，這次回覆的狀態也未儲存；沒有狀態的對話在繼續時會重新讀取其文字</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>too little disk space: %n saved state(s) of this and other chats dropped to make room for the text; a chat without one re-reads its text when continued</source>
        <translation>
            <numerusform>磁碟空間不足：為了騰出空間存放文字，已捨棄這段及其他對話共 %n 個已儲存的狀態；沒有狀態的對話在繼續時會重新讀取其文字</numerusform>
        </translation>
    </message>
    <message>
        <source>too little disk space: state not saved</source>
        <translation>磁碟空間不足：狀態未儲存</translation>
    </message>
    <message>
        <source>database damaged: state not saved</source>
        <translation>資料庫已損毀：狀態未儲存</translation>
    </message>
    <message numerus="yes">
        <source>too little disk space: %n saved state(s) dropped</source>
        <translation>
            <numerusform>磁碟空間不足：已捨棄 %n 個已儲存的狀態</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>too little disk space: %n saved state(s) dropped, this reply&apos;s not saved</source>
        <translation>
            <numerusform>磁碟空間不足：已捨棄 %n 個已儲存的狀態，這次回覆的狀態未儲存</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” is a folder, not a model file.</source>
        <translation>「%1」是資料夾，不是模型檔案。</translation>
    </message>
    <message>
        <source>The model file “%1” is a link that points to itself (too many levels of symbolic links), so it names no file. Point it at the model file, or choose the file itself.</source>
        <translation>模型檔案「%1」是指向自身的連結（符號連結層級過多），因此不指向任何檔案。請讓它指向模型檔案，或直接選擇該檔案。</translation>
    </message>
    <message>
        <source>byte tokenizer</source>
        <translation>位元組分詞器</translation>
    </message>
    <message>
        <source>World tokenizer</source>
        <translation>World 分詞器</translation>
    </message>
    <message>
        <source>%1 tokenizer</source>
        <translation>%1 分詞器</translation>
    </message>
    <message>
        <source>Writing another reply…</source>
        <translation>正在撰寫另一則回覆…</translation>
    </message>
    <message>
        <source>Wait for the reply (or press Stop) before switching branches.</source>
        <translation>請等回覆完成（或按下「停止」）後再切換版本。</translation>
    </message>
    <message>
        <source>The conversation library is read-only, so new messages cannot be saved. Make %1 and its folder writable, then restart RWKV Desktop.</source>
        <translation>對話庫為唯讀，新訊息無法儲存。請將 %1 及其所在的資料夾設為可寫入，然後重新啟動 RWKV 桌面版。</translation>
    </message>
    <message>
        <source>The conversation library opened read-only because %1 cannot be written now (%2), so new messages cannot be saved. Free some space on its disk, then restart RWKV Desktop.</source>
        <translation>對話庫以唯讀方式開啟，因為 %1 目前無法寫入（%2），新訊息無法儲存。請釋出其所在磁碟的空間，然後重新啟動 RWKV 桌面版。</translation>
    </message>
    <message>
        <source>Your message will be sent as soon as %1 has loaded.</source>
        <translation>%1 載入完成後，你的訊息會立即傳送。</translation>
    </message>
    <message>
        <source>Your message was not sent: it is still in the message box.</source>
        <translation>你的訊息沒有傳送：它仍在訊息框中。</translation>
    </message>
    <message>
        <source>There is no sampling preset named “%1”.</source>
        <translation>沒有名為「%1」的取樣預設組合。</translation>
    </message>
    <message>
        <source>Could not change the sampling preset: %1</source>
        <translation>無法變更取樣預設組合：%1</translation>
    </message>
    <message>
        <source>Your message was not sent: it is back in the message box.</source>
        <translation>你的訊息沒有傳送：它已放回訊息框中。</translation>
    </message>
    <message>
        <source>Reading the conversation… %1 / %2 tokens</source>
        <translation>正在讀取對話… %1 / %2 個 token</translation>
    </message>
    <message>
        <source>Reading the prompt… %1%</source>
        <translation>正在讀取提示… %1%</translation>
    </message>
    <message>
        <source>Chat “%1” is damaged: %2 of its messages could not be read as they were saved and are shown as well as they can be (one whose kind is unreadable as yours). You can still read, continue, export or delete this chat.</source>
        <translation>對話「%1」已損毀：其中 %2 則訊息無法依儲存時的樣子讀出，目前盡可能顯示（無法辨識類型的訊息會顯示為你的訊息）。你仍然可以閱讀、繼續、匯出或刪除這段對話。</translation>
    </message>
    <message>
        <source>There is room again: the reply is saved.</source>
        <translation>磁碟又有空間了：這則回覆已儲存。</translation>
    </message>
    <message>
        <source>This reply is not saved yet: the disk holding the conversation database %1 is full.</source>
        <translation>這則回覆尚未儲存：存放對話資料庫 %1 的磁碟已滿。</translation>
    </message>
    <message>
        <source>It stays on screen and is saved by itself as soon as there is room (tried again every few seconds and at the next message); closing the window before that asks first. Copy it now if you cannot free space.</source>
        <translation>它會留在畫面上，一有空間就會自動儲存（每隔幾秒以及傳送下一則訊息時都會重試）；在此之前關閉視窗時會先詢問你。如果你無法釋出空間，請現在複製它。</translation>
    </message>
    <message>
        <source>Chat “%1” is damaged: the order of its messages loops (a message is saved as a reply to one of its own replies), so it is shown from where the loop closes, each message once. Nothing was changed or deleted. You can still read, continue, export or delete this chat.</source>
        <translation>對話「%1」已損毀：其中訊息的先後順序形成了迴圈（某則訊息被儲存為它自己某則回覆的回覆），因此從迴圈閉合處開始顯示，每則訊息只顯示一次。沒有變更或刪除任何內容。你仍然可以閱讀、繼續、匯出或刪除這段對話。</translation>
    </message>
    <message>
        <source>Chat “%1” is damaged: a message is saved as a reply to a message that does not exist, so it is shown as a first message; the chat&apos;s other first messages are its other versions (‹ ›). Nothing was changed or deleted. You can still read, continue, export or delete this chat.</source>
        <translation>對話「%1」已損毀：某則訊息被儲存為一則不存在的訊息的回覆，因此它顯示為第一則訊息；這段對話的其他第一則訊息是它的其他版本（‹ ›）。沒有變更或刪除任何內容。你仍然可以閱讀、繼續、匯出或刪除這段對話。</translation>
    </message>
    <message>
        <source>The other program let go of the conversation database: the reply is saved.</source>
        <translation>另一個程式已不再占用對話資料庫：這則回覆已儲存。</translation>
    </message>
    <message>
        <source>This reply is not saved yet: another program is using the conversation database %1.</source>
        <translation>這則回覆尚未儲存：另一個程式正在使用對話資料庫 %1。</translation>
    </message>
    <message>
        <source>It stays on screen and is saved by itself as soon as that program lets go of the database (tried again every few seconds and at the next message); closing the window before that asks first. Copy it now if you cannot close that program.</source>
        <translation>它會留在畫面上，一旦那個程式不再占用資料庫就會自動儲存（每隔幾秒以及傳送下一則訊息時都會重試）；在此之前關閉視窗時會先詢問你。如果你無法關閉那個程式，請現在複製它。</translation>
    </message>
    <message>
        <source>The model file cannot be loaded: %1.</source>
        <translation>無法載入模型檔案：%1。</translation>
    </message>
    <message>
        <source>Another program is using the conversation database %1, so the new chat was not started.</source>
        <translation>另一個程式正在使用對話資料庫 %1，因此沒有建立新對話。</translation>
    </message>
    <message>
        <source>Another program is using the conversation database %1, so the chat was not renamed: it keeps the name “%2”. Try again once that program lets go of the database.</source>
        <translation>另一個程式正在使用對話資料庫 %1，因此對話沒有重新命名：它仍叫「%2」。等那個程式不再占用資料庫後再試一次。</translation>
    </message>
    <message>
        <source>Another program is using the conversation database %1, so the chat “%2” was not moved to the trash: it is kept as it was. Try again once that program lets go of the database.</source>
        <translation>另一個程式正在使用對話資料庫 %1，因此對話「%2」沒有移到垃圾桶：它維持原樣。等那個程式不再占用資料庫後再試一次。</translation>
    </message>
    <message>
        <source>Saving the reply before closing…</source>
        <translation>正在儲存回覆，儲存後關閉…</translation>
    </message>
    <message>
        <source>The model file “%1” does not exist any more, so the changed settings were not applied: %2 stays in use as it was loaded. They apply when you choose a model.</source>
        <translation>模型檔案「%1」已不存在，因此變更的設定沒有套用：%2 仍以原本載入的方式使用中。設定會在你選擇模型時套用。</translation>
    </message>
    <message>
        <source>The model file “%1” does not exist. Still using %2.</source>
        <translation>模型檔案「%1」不存在。仍在使用 %2。</translation>
    </message>
    <message>
        <source>Could not load “%1” again with the changed settings: %2. It stays in use as it was loaded.</source>
        <translation>無法以變更後的設定重新載入「%1」：%2。它仍以原本載入的方式使用中。</translation>
    </message>
    <message>
        <source>The model file “%1” cannot be opened by its name: the name, or a folder&apos;s on its path, has bytes that are not UTF-8 text (shown as �). Rename it to open it here.</source>
        <translation>無法依名稱開啟模型檔案「%1」：它的名稱（或路徑上某個資料夾的名稱）含有不是 UTF-8 文字的位元組（顯示為 �）。請重新命名後再於此處開啟。</translation>
    </message>
    <message>
        <source>Still using %1.</source>
        <translation>仍在使用 %1。</translation>
    </message>
    <message numerus="yes">
        <source>about %n s left</source>
        <translation>
            <numerusform>約剩 %n 秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n min left</source>
        <translation>
            <numerusform>約剩 %n 分鐘</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 tok/s</source>
        <translation>%1 token/秒</translation>
    </message>
    <message>
        <source>Your message and the reply were saved, but the reply&apos;s state could not be written: the conversation database %1 is damaged. Nothing was lost: the next reply re-reads this conversation from its text. RWKV Desktop checks the file when it starts again: damaged saved states are cleared then, and a file it cannot read is named, with the offer to move it aside and start fresh.</source>
        <translation>你的訊息和回覆已儲存，但回覆的狀態無法寫入：對話資料庫 %1 已損毀。沒有遺失任何內容：下一次回覆會從文字重新讀取這段對話。RWKV 桌面版下次啟動時會檢查這個檔案：屆時會清除損毀的已儲存狀態；若檔案無法讀取，會指出它，並提供將它移到一旁、重新開始的選項。</translation>
    </message>
    <message>
        <source>database damaged: the state was not saved, the next reply re-reads the conversation</source>
        <translation>資料庫已損毀：狀態未儲存，下一次回覆會重新讀取對話</translation>
    </message>
    <message>
        <source>A reply is being written in “%1”. Send once it has ended, or stop it there; your message stays in the box.</source>
        <translation>「%1」中正在撰寫回覆。請等它結束後再傳送，或到那裡將它停止；你的訊息仍留在訊息框中。</translation>
    </message>
    <message>
        <source>Stop the reply before deleting “%1”.</source>
        <translation>請先停止回覆，再刪除「%1」。</translation>
    </message>
    <message>
        <source>A reply is being written in “%1”. Stop it there before deleting that conversation.</source>
        <translation>「%1」中正在撰寫回覆。請先到那裡將它停止，再刪除該對話。</translation>
    </message>
    <message>
        <source>Your message could not be saved: %1</source>
        <translation>你的訊息無法儲存：%1</translation>
    </message>
    <message>
        <source>This chat was deleted by another program; your message is back in the box.</source>
        <translation>這段對話已被另一個程式刪除；你的訊息已放回訊息框。</translation>
    </message>
    <message>
        <source>The reply in “%1” could not be saved: that conversation was deleted by another program.</source>
        <translation>「%1」中的回覆無法儲存：該對話已被另一個程式刪除。</translation>
    </message>
    <message>
        <source>The reply in “%1” failed: %2</source>
        <translation>「%1」中的回覆失敗：%2</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>The reply in “%1” is not saved yet: another program is using the conversation database %2.</source>
        <translation>「%1」中的回覆尚未儲存：另一個程式正在使用對話資料庫 %2。</translation>
    </message>
    <message>
        <source>The reply in “%1” is not saved yet: the disk holding the conversation database %2 is full.</source>
        <translation>「%1」中的回覆尚未儲存：存放對話資料庫 %2 的磁碟已滿。</translation>
    </message>
    <message>
        <source>The other program let go of the conversation database: the reply in “%1” is saved.</source>
        <translation>另一個程式已不再占用對話資料庫：「%1」中的回覆已儲存。</translation>
    </message>
    <message>
        <source>There is room again: the reply in “%1” is saved.</source>
        <translation>磁碟又有空間了：「%1」中的回覆已儲存。</translation>
    </message>
    <message>
        <source>This reply is not saved yet: the conversation database %1 could not be written.</source>
        <translation>這則回覆尚未儲存：無法寫入對話資料庫 %1。</translation>
    </message>
    <message>
        <source>The reply in “%1” is not saved yet: the conversation database %2 could not be written.</source>
        <translation>「%1」中的回覆尚未儲存：無法寫入對話資料庫 %2。</translation>
    </message>
    <message>
        <source>It stays on screen and is saved by itself as soon as the file can be written again (tried again every few seconds and at the next message); closing the window before that asks first. Copy it now if the disk or the file stays unwritable.</source>
        <translation>它會留在畫面上，一旦檔案可以再次寫入就會自動儲存（每隔幾秒以及傳送下一則訊息時都會重試）；在此之前關閉視窗時會先詢問你。如果磁碟或檔案一直無法寫入，請現在複製它。</translation>
    </message>
    <message>
        <source>The reply in “%1” is saved.</source>
        <translation>「%1」中的回覆已儲存。</translation>
    </message>
    <message>
        <source>The reply is saved.</source>
        <translation>這則回覆已儲存。</translation>
    </message>
    <message>
        <source>another reply to the first question, read %1 tokens</source>
        <translation>對第一個問題的另一則回覆，讀取了 %1 個 token</translation>
    </message>
    <message>
        <source>first question edited, read %1 tokens</source>
        <translation>已編輯第一個問題，讀取了 %1 個 token</translation>
    </message>
    <message>
        <source>Stop the reply before changing the instructions of “%1”.</source>
        <translation>請先停止回覆，再變更「%1」的指示。</translation>
    </message>
    <message>
        <source>A reply is being written in “%1”. Stop it there before changing its instructions.</source>
        <translation>「%1」中正在撰寫回覆。請先到那裡將它停止，再變更它的指示。</translation>
    </message>
    <message>
        <source>Another program is using the conversation database %1, so the instructions of “%2” were not changed. Try again once that program lets go of the database.</source>
        <translation>另一個程式正在使用對話資料庫 %1，因此「%2」的指示沒有變更。等那個程式不再占用資料庫後再試一次。</translation>
    </message>
    <message>
        <source>Could not change the instructions: %1</source>
        <translation>無法變更指示：%1</translation>
    </message>
    <message>
        <source>Instructions hold at most %L1 characters; these have %L2. They were not changed.</source>
        <translation>指示最多 %L1 個字元，這些指示有 %L2 個。指示未變更。</translation>
    </message>
    <message>
        <source>Stop the reply before changing the starting state of “%1”.</source>
        <translation>請先停止回覆，再變更「%1」的起始狀態。</translation>
    </message>
    <message>
        <source>A reply is being written in “%1”. Stop it there before changing its starting state.</source>
        <translation>「%1」中正在撰寫回覆。請先到那裡將它停止，再變更它的起始狀態。</translation>
    </message>
    <message>
        <source>%1 cannot be a starting state: %2</source>
        <translation>%1 不能作為起始狀態：%2</translation>
    </message>
    <message>
        <source>Could not change the starting state: %1</source>
        <translation>無法變更起始狀態：%1</translation>
    </message>
    <message>
        <source>read from the start, %1 tokens</source>
        <translation>從頭讀取，%1 個 token</translation>
    </message>
    <message>
        <source>From here: %1</source>
        <translation>從這裡開始：%1</translation>
    </message>
    <message>
        <source>Another program is using the conversation database %1, so no new chat was made. Try again once that program lets go of the database.</source>
        <translation>另一個程式正在使用對話資料庫 %1，因此沒有開新對話。等那個程式不再占用資料庫後再試一次。</translation>
    </message>
    <message>
        <source>Could not make a new chat from here: %1</source>
        <translation>無法從這裡開新對話：%1</translation>
    </message>
    <message>
        <source>%1, from the starting state %2</source>
        <translation>%1，從起始狀態 %2 開始</translation>
    </message>
    <message>
        <source>RWKV Desktop is freeing the space used by saved states (Settings → Folders); try again once it has finished.</source>
        <translation>RWKV 桌面版正在釋放儲存的狀態佔用的空間（設定 → 資料夾）；完成後請再試一次。</translation>
    </message>
    <message>
        <source>Continuing the reply…</source>
        <translation>正在接著撰寫回覆…</translation>
    </message>
    <message>
        <source>the first reply continued, read %1 tokens</source>
        <translation>接著撰寫了第一則回覆，讀取了 %1 個 token</translation>
    </message>
    <message>
        <source>Writing %1 replies…</source>
        <translation>正在撰寫 %1 則回覆…</translation>
    </message>
    <message>
        <source>Waiting for a Local API request to finish…</source>
        <translation>正在等待本機 API 請求完成…</translation>
    </message>
    <message>
        <source>A reply in “%1” is waiting for a Local API request. Send once it has ended, or stop it there; your message stays in the box.</source>
        <translation>「%1」中的回覆正在等待本機 API 請求。請等它結束後再傳送，或到那裡將它停止；你的訊息仍留在訊息框中。</translation>
    </message>
    <message numerus="yes">
        <source>about %n h left</source>
        <translation>
            <numerusform>約剩 %n 小時</numerusform>
        </translation>
    </message>
    <message>
        <source>Reply %1 of %2 is not saved yet: the conversation database %3 could not be written.</source>
        <translation>第 %1 則回覆（共 %2 則）尚未儲存：無法寫入對話資料庫 %3。</translation>
    </message>
    <message>
        <source>Replies %1 of %2 are not saved yet: the conversation database %3 could not be written.</source>
        <translation>第 %1 則回覆（共 %2 則）尚未儲存：無法寫入對話資料庫 %3。</translation>
    </message>
    <message>
        <source>They stay on screen and are saved by themselves as soon as the file can be written again (tried again every few seconds and at the next message); closing the window before that asks first. Copy them now if the disk or the file stays unwritable.</source>
        <translation>它們會留在畫面上，一旦檔案可以再次寫入就會自動儲存（每隔幾秒以及傳送下一則訊息時都會重試）；在此之前關閉視窗時會先詢問你。如果磁碟或檔案一直無法寫入，請現在複製它們。</translation>
    </message>
    <message>
        <source>Reply %1 of %2 is not saved yet: another program is using the conversation database %3.</source>
        <translation>第 %1 則回覆（共 %2 則）尚未儲存：另一個程式正在使用對話資料庫 %3。</translation>
    </message>
    <message>
        <source>Replies %1 of %2 are not saved yet: another program is using the conversation database %3.</source>
        <translation>第 %1 則回覆（共 %2 則）尚未儲存：另一個程式正在使用對話資料庫 %3。</translation>
    </message>
    <message>
        <source>They stay on screen and are saved by themselves as soon as that program lets go of the database (tried again every few seconds and at the next message); closing the window before that asks first. Copy them now if you cannot close that program.</source>
        <translation>它們會留在畫面上，一旦那個程式不再占用資料庫就會自動儲存（每隔幾秒以及傳送下一則訊息時都會重試）；在此之前關閉視窗時會先詢問你。如果你無法關閉那個程式，請現在複製它們。</translation>
    </message>
    <message>
        <source>Reply %1 of %2 is not saved yet: the disk holding the conversation database %3 is full.</source>
        <translation>第 %1 則回覆（共 %2 則）尚未儲存：存放對話資料庫 %3 的磁碟已滿。</translation>
    </message>
    <message>
        <source>Replies %1 of %2 are not saved yet: the disk holding the conversation database %3 is full.</source>
        <translation>第 %1 則回覆（共 %2 則）尚未儲存：存放對話資料庫 %3 的磁碟已滿。</translation>
    </message>
    <message>
        <source>They stay on screen and are saved by themselves as soon as there is room (tried again every few seconds and at the next message); closing the window before that asks first. Copy them now if you cannot free space.</source>
        <translation>它們會留在畫面上，一有空間就會自動儲存（每隔幾秒以及傳送下一則訊息時都會重試）；在此之前關閉視窗時會先詢問你。如果你無法釋出空間，請現在複製它們。</translation>
    </message>
    <message>
        <source>The reply could not be saved: the conversation database %1 is damaged. Your message was saved, but of the reply only the start saved while it was written is kept, marked Unfinished: copy the reply on screen if you need it. When RWKV Desktop starts again it checks the whole file: it mends what it can without losing anything, or else offers to recover the chats that can still be read.</source>
        <translation>回覆無法儲存：對話資料庫 %1 已損毀。你的訊息已儲存，但回覆只保留了產生過程中已儲存的開頭部分，並標為「未完成」：如有需要，請複製畫面上的回覆。RWKV 桌面版下次啟動時會檢查整個檔案：能在不遺失任何內容的情況下修復的會加以修復，否則會提供復原仍能讀取之對話的選項。</translation>
    </message>
    <message>
        <source>Reply %1 of %2:</source>
        <translation>第 %1 則回覆（共 %2 則）：</translation>
    </message>
    <message>
        <source>If you quit now, it is lost.</source>
        <translation>如果現在結束，它就會遺失。</translation>
    </message>
    <message>
        <source>If you quit now, %1 of its %2 characters are lost, and the database keeps the first %3, saved before, as an unfinished reply.</source>
        <translation>如果現在結束，它的 %2 個字元中有 %1 個會遺失，資料庫以未完成的回覆保留先前已儲存的前 %3 個。</translation>
    </message>
    <message>
        <source>If you quit now, %1 of the %2 characters of its %3 versions are lost, and the database keeps the other %4, each version&apos;s first ones saved before, as unfinished versions.</source>
        <translation>如果現在結束，它的 %3 個版本共 %2 個字元中有 %1 個會遺失，資料庫以未完成的版本保留其餘 %4 個（各版本先前已儲存的開頭）。</translation>
    </message>
    <message>
        <source>The conversation database %1 could not be written, so the last reply is not saved. %2 Check the disk and the file, then click Try again, or copy the reply to keep it elsewhere.</source>
        <translation>無法寫入對話資料庫 %1，因此最後一則回覆沒有儲存。%2請檢查磁碟和該檔案後點選「重試」，或複製這則回覆，保存到其他地方。</translation>
    </message>
    <message>
        <source>Another program is using the conversation database %1, so the last reply is not saved. %2 Close that program and click Try again, or copy the reply to keep it elsewhere.</source>
        <translation>另一個程式正在使用對話資料庫 %1，因此最後一則回覆沒有儲存。%2請關閉那個程式後點選「重試」，或複製這則回覆，保存到其他地方。</translation>
    </message>
    <message>
        <source>The disk holding the conversation database %1 is full, so the last reply is not saved. %2 Free some space and click Try again, or copy the reply to keep it elsewhere.</source>
        <translation>存放對話資料庫 %1 的磁碟已滿，因此最後一則回覆沒有儲存。%2請釋出一些空間後點選「重試」，或複製這則回覆，保存到其他地方。</translation>
    </message>
    <message>
        <source>Instructions hold at most %L1 characters, an emoji, a flag or some accented letters counting as 2 or more; these have %L2 counted so (%L3 as you read them). They were not changed.</source>
        <translation>指示最多 %L1 個字元，一個表情符號、一面旗幟或某些帶重音的字母按 2 個或更多計算；這樣計算，這些指示有 %L2 個（你看到的是 %L3 個）。指示未變更。</translation>
    </message>
</context>
<context>
    <name>rwkv::app::ChatSession</name>
    <message>
        <source>the cut-off reply is read again as text</source>
        <translation>被中斷的回覆會以文字重新讀入</translation>
    </message>
    <message>
        <source>no saved state</source>
        <translation>沒有儲存的狀態</translation>
    </message>
    <message>
        <source>saved state belongs to another model</source>
        <translation>儲存的狀態屬於另一個模型</translation>
    </message>
    <message>
        <source>saved state was made with %1 %2, this run uses %3 %4</source>
        <translation>儲存的狀態由 %1 %2 產生，這次執行使用 %3 %4</translation>
    </message>
    <message>
        <source>The message is empty. Type something before sending.</source>
        <translation>訊息是空的。請先輸入內容再傳送。</translation>
    </message>
    <message>
        <source>The reply length must be at least one token.</source>
        <translation>回覆長度至少要有一個 token。</translation>
    </message>
    <message>
        <source>Conversation %1 does not exist.</source>
        <translation>對話 %1 不存在。</translation>
    </message>
    <message>
        <source>Message %1 is not in conversation %2.</source>
        <translation>訊息 %1 不在對話 %2 中。</translation>
    </message>
    <message>
        <source>Message %1 is a question; a new message can only follow a reply.</source>
        <translation>訊息 %1 是提問；新訊息只能接在回覆之後。</translation>
    </message>
    <message>
        <source>Only a reply to a question can be generated again.</source>
        <translation>只有對提問的回覆才能重新產生。</translation>
    </message>
    <message>
        <source>Message %1 is not a question in conversation %2.</source>
        <translation>訊息 %1 不是對話 %2 中的提問。</translation>
    </message>
    <message>
        <source>re-reading 1 message</source>
        <translation>重新讀取 1 則訊息</translation>
    </message>
    <message>
        <source>re-reading %1 messages</source>
        <translation>重新讀取 %1 則訊息</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>the saved state was damaged; nothing was lost</source>
        <translation>儲存的狀態已損毀；沒有遺失任何內容</translation>
    </message>
    <message>
        <source>the database&apos;s list of saved states is damaged</source>
        <translation>資料庫中已儲存狀態的清單已損毀</translation>
    </message>
    <message>
        <source>also read the unanswered question before this one (its reading had been cut off)</source>
        <translation>同時讀取了這則之前未獲回覆的提問（它的讀取曾被中斷）</translation>
    </message>
    <message>
        <source>also read the %1 unanswered questions before this one (their reading had been cut off)</source>
        <translation>同時讀取了這則之前 %1 則未獲回覆的提問（它們的讀取曾被中斷）</translation>
    </message>
    <message>
        <source>the instructions changed</source>
        <translation>指示已變更</translation>
    </message>
    <message>
        <source>the starting state changed</source>
        <translation>起始狀態已變更</translation>
    </message>
    <message>
        <source>This chat starts from the state-tuning file %1, which cannot be read now (%2 is gone or unreadable): put it back, or choose another starting state.</source>
        <translation>此對話從狀態微調檔案 %1 開始，但現在無法讀取它（%2 已不存在或無法讀取）：請把它放回原處，或選擇其他起始狀態。</translation>
    </message>
    <message>
        <source>This chat starts from the state-tuning file %1, which is there but damaged now: %2 Put a good copy back at %3, or choose another starting state. Details: %4</source>
        <translation>此對話從狀態微調檔案 %1 開始，該檔案仍在，但現已損壞：%2請將完好的副本放回 %3，或選擇其他起始狀態。詳細資訊：%4</translation>
    </message>
    <message>
        <source>This chat starts from the state-tuning file %1, which has changed since it was chosen (sha256 %2…, now %3…): choose it again to start from it as it is now.</source>
        <translation>此對話從狀態微調檔案 %1 開始，但它在選定之後已被變更（sha256 原為 %2…，現為 %3…）：如要從它現在的內容開始，請重新選擇它。</translation>
    </message>
    <message>
        <source>Message %1 is not a reply; only a reply can be continued.</source>
        <translation>訊息 %1 不是回覆；只有回覆才能接著寫。</translation>
    </message>
    <message>
        <source>Reply %1 has no text to continue; regenerate it instead.</source>
        <translation>回覆 %1 沒有可接著寫的文字；請改為重新產生。</translation>
    </message>
    <message>
        <source>Reply %1 ended by itself; only a reply cut off (by the length limit, Stop, closing the app, or a crash) can be continued.</source>
        <translation>回覆 %1 是自行結束的；只有被截斷的回覆（因長度上限、停止、關閉程式或當機）才能接著寫。</translation>
    </message>
    <message>
        <source>Only a reply to a question can be continued.</source>
        <translation>只有對提問的回覆才能接著寫。</translation>
    </message>
    <message>
        <source>From 1 to %1 replies can be written at once.</source>
        <translation>一次可寫 1 到 %1 則回覆。</translation>
    </message>
</context>
<context>
    <name>rwkv::app::DeviceListModel</name>
    <message>
        <source>discrete GPU</source>
        <translation>獨立顯示卡</translation>
    </message>
    <message>
        <source>integrated GPU</source>
        <translation>內建顯示卡</translation>
    </message>
    <message>
        <source>virtual GPU</source>
        <translation>虛擬 GPU</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自動</translation>
    </message>
    <message>
        <source>%1 hardware threads</source>
        <translation>%1 個硬體執行緒</translation>
    </message>
    <message>
        <source>Unavailable: %1</source>
        <translation>無法使用：%1</translation>
    </message>
    <message>
        <source>%1 memory</source>
        <translation>%1 記憶體</translation>
    </message>
    <message>
        <source>compute capability %1.%2</source>
        <translation>運算能力 %1.%2</translation>
    </message>
    <message>
        <source>Unavailable: this build of RWKV Desktop has no %1 backend</source>
        <translation>無法使用：這個版本的 RWKV 桌面版沒有 %1 後端</translation>
    </message>
    <message>
        <source>The first CUDA GPU if the model fits there, else a discrete Vulkan GPU that fits, otherwise the CPU</source>
        <translation>模型放得下時使用第一張 CUDA GPU，否則使用放得下的獨立 Vulkan GPU，再不然就使用 CPU</translation>
    </message>
    <message>
        <source>Unavailable: no NVIDIA GPU driver found. Use the CPU or Vulkan.</source>
        <translation>無法使用：找不到 NVIDIA GPU 驅動程式。請使用 CPU 或 Vulkan。</translation>
    </message>
    <message>
        <source>Unavailable: the NVIDIA GPU driver is older than this build needs. Update it, or use the CPU or Vulkan.</source>
        <translation>無法使用：NVIDIA GPU 驅動程式的版本比這個版本所需的舊。請更新驅動程式，或使用 CPU 或 Vulkan。</translation>
    </message>
    <message>
        <source>Unavailable: no NVIDIA GPU found. Use the CPU or Vulkan.</source>
        <translation>無法使用：找不到 NVIDIA GPU。請使用 CPU 或 Vulkan。</translation>
    </message>
    <message>
        <source>software renderer on the CPU: much slower than the CPU row above</source>
        <translation>在 CPU 上執行的軟體算繪器：比上方的 CPU 那一列慢得多</translation>
    </message>
</context>
<context>
    <name>rwkv::app::ForeignFile</name>
    <message>
        <source>a Git LFS pointer</source>
        <translation>Git LFS 指標檔</translation>
    </message>
    <message>
        <source>a web page (HTML)</source>
        <translation>網頁（HTML）</translation>
    </message>
    <message>
        <source>an XML document</source>
        <translation>XML 文件</translation>
    </message>
    <message>
        <source>JSON text</source>
        <translation>JSON 文字</translation>
    </message>
    <message>
        <source>a PNG picture</source>
        <translation>PNG 圖片</translation>
    </message>
    <message>
        <source>a JPEG picture</source>
        <translation>JPEG 圖片</translation>
    </message>
    <message>
        <source>a GIF picture</source>
        <translation>GIF 圖片</translation>
    </message>
    <message>
        <source>a WebP picture</source>
        <translation>WebP 圖片</translation>
    </message>
    <message>
        <source>a PDF document</source>
        <translation>PDF 文件</translation>
    </message>
    <message>
        <source>a gzip-compressed file: unpack it first (gunzip)</source>
        <translation>gzip 壓縮檔：請先解壓縮（gunzip）</translation>
    </message>
    <message>
        <source>an xz-compressed file: unpack it first (unxz)</source>
        <translation>xz 壓縮檔：請先解壓縮（unxz）</translation>
    </message>
    <message>
        <source>a zstd-compressed file: unpack it first (unzstd)</source>
        <translation>zstd 壓縮檔：請先解壓縮（unzstd）</translation>
    </message>
    <message>
        <source>a bzip2-compressed file: unpack it first (bunzip2)</source>
        <translation>bzip2 壓縮檔：請先解壓縮（bunzip2）</translation>
    </message>
    <message>
        <source>a 7-Zip archive: unpack it first</source>
        <translation>7-Zip 壓縮檔：請先解壓縮</translation>
    </message>
    <message>
        <source>a RAR archive: unpack it first</source>
        <translation>RAR 壓縮檔：請先解壓縮</translation>
    </message>
    <message>
        <source>a tar archive: unpack it first (tar -xf)</source>
        <translation>tar 封存檔：請先解開（tar -xf）</translation>
    </message>
    <message>
        <source>a program or library (ELF)</source>
        <translation>程式或函式庫（ELF）</translation>
    </message>
    <message>
        <source>a NumPy array (.npy)</source>
        <translation>NumPy 陣列（.npy）</translation>
    </message>
    <message>
        <source>an HDF5 file (.h5)</source>
        <translation>HDF5 檔案（.h5）</translation>
    </message>
    <message>
        <source>a llama.cpp file in a format older than GGUF</source>
        <translation>早於 GGUF 格式的 llama.cpp 檔案</translation>
    </message>
    <message>
        <source>a Python pickle</source>
        <translation>Python pickle 檔案</translation>
    </message>
    <message>
        <source>a conversation state saved by RWKV Desktop</source>
        <translation>RWKV 桌面版儲存的對話狀態</translation>
    </message>
    <message>
        <source>an RWKV Desktop conversation bundle</source>
        <translation>RWKV 桌面版的對話套件</translation>
    </message>
    <message>
        <source>a text file</source>
        <translation>文字檔</translation>
    </message>
</context>
<context>
    <name>rwkv::app::ImportError</name>
    <message>
        <source>the bundle is truncated or has extra bytes (%1 bytes, its header says %2)</source>
        <translation>對話套件不完整或有多餘的位元組（%1 位元組，其檔頭記載為 %2）</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a number</source>
        <translation>%1：「%2」不是數字</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a whole number</source>
        <translation>%1：「%2」不是整數</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is out of range</source>
        <translation>%1：「%2」超出範圍</translation>
    </message>
    <message>
        <source>the JSON is damaged (%1)</source>
        <translation>JSON 已損毀（%1）</translation>
    </message>
    <message>
        <source>this is not an RWKV Desktop conversation</source>
        <translation>這不是 RWKV 桌面版的對話</translation>
    </message>
    <message>
        <source>the file</source>
        <translation>檔案</translation>
    </message>
    <message>
        <source>the conversation</source>
        <translation>對話</translation>
    </message>
    <message>
        <source>the format version is missing</source>
        <translation>缺少格式版本</translation>
    </message>
    <message>
        <source>it was written by a newer RWKV Desktop (format version %1)</source>
        <translation>它是由較新版的 RWKV 桌面版寫入的（格式版本 %1）</translation>
    </message>
    <message>
        <source>the conversation is missing from the file</source>
        <translation>檔案中沒有對話</translation>
    </message>
    <message>
        <source>the think mode %1 is unknown</source>
        <translation>未知的思考模式 %1</translation>
    </message>
    <message>
        <source>the message list is missing</source>
        <translation>缺少訊息清單</translation>
    </message>
    <message>
        <source>&quot;messages&quot; is not a list</source>
        <translation>「messages」不是清單</translation>
    </message>
    <message>
        <source>message %1</source>
        <translation>第 %1 則訊息</translation>
    </message>
    <message>
        <source>%1 is not an object</source>
        <translation>%1不是物件</translation>
    </message>
    <message>
        <source>%1 has a missing or repeated id</source>
        <translation>%1的 id 缺少或重複</translation>
    </message>
    <message>
        <source>%1 names a parent that does not come before it</source>
        <translation>%1指定的上層訊息不在它之前</translation>
    </message>
    <message>
        <source>%1 has the unknown role &quot;%2&quot;</source>
        <translation>%1的角色「%2」不明</translation>
    </message>
    <message>
        <source>%1 is a question whose parent, message %2, is a question too (a question follows a reply)</source>
        <translation>%1是提問，它的上層第 %2 則訊息也是提問（提問只能接在回覆之後）</translation>
    </message>
    <message>
        <source>%1 has no text</source>
        <translation>%1沒有文字</translation>
    </message>
    <message>
        <source>this is a model file (%1), not a conversation (open models with the model button or on the Models page)</source>
        <translation>這是模型檔案（%1），不是對話（請用模型按鈕或在「模型」頁面開啟模型）</translation>
    </message>
    <message>
        <source>this is neither an RWKV Desktop bundle (.rwkvchat) nor a JSON export</source>
        <translation>這既不是 RWKV 桌面版的對話套件（.rwkvchat），也不是 JSON 匯出檔</translation>
    </message>
    <message>
        <source>the bundle is truncated (%1 bytes)</source>
        <translation>對話套件不完整（%1 位元組）</translation>
    </message>
    <message>
        <source>this is not a conversation bundle</source>
        <translation>這不是對話套件</translation>
    </message>
    <message>
        <source>the bundle was written by a newer RWKV Desktop (bundle version %1)</source>
        <translation>對話套件是由較新版的 RWKV 桌面版寫入的（套件版本 %1）</translation>
    </message>
    <message>
        <source>the bundle version %1 is unknown</source>
        <translation>未知的對話套件版本 %1</translation>
    </message>
    <message>
        <source>the bundle&apos;s checksum does not match (the file is damaged)</source>
        <translation>對話套件的總和檢查碼不相符（檔案已損毀）</translation>
    </message>
    <message>
        <source>the bundle has state bytes but no description of them</source>
        <translation>對話套件含有狀態資料，卻沒有對它的描述</translation>
    </message>
    <message>
        <source>the bundle&apos;s state description is incomplete</source>
        <translation>對話套件的狀態描述不完整</translation>
    </message>
    <message>
        <source>the snapshot names message %1, which is not in the conversation</source>
        <translation>狀態快照指向第 %1 則訊息，但對話中沒有這則訊息</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>檔案是空的</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is negative (it counts tokens)</source>
        <translation>%1：「%2」是負數（它是 token 的數量）</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not text</source>
        <translation>%1：「%2」不是文字</translation>
    </message>
    <message>
        <source>the conversation holds no messages</source>
        <translation>這段對話沒有任何訊息</translation>
    </message>
    <message>
        <source>the file is %1 (%2 bytes), larger than any conversation bundle can be (at most %3 bytes); it was not read</source>
        <translation>檔案大小為 %1（%2 位元組），超過任何對話套件可能的大小（最多 %3 位元組）；未讀取此檔案</translation>
    </message>
    <message>
        <source>the file is %1 (%2 bytes), larger than any JSON export can be (at most %3 bytes); it was not read</source>
        <translation>檔案大小為 %1（%2 位元組），超過任何 JSON 匯出檔可能的大小（最多 %3 位元組）；未讀取此檔案</translation>
    </message>
    <message>
        <source>%1 is a link that leads back to itself (too many levels of symbolic links)</source>
        <translation>%1 是指回自己的連結（符號連結層數過多）</translation>
    </message>
    <message>
        <source>%1 is a link to %2, which does not exist</source>
        <translation>%1 是指向 %2 的連結，但 %2 不存在</translation>
    </message>
    <message>
        <source>%1 does not exist</source>
        <translation>%1 不存在</translation>
    </message>
    <message>
        <source>%1 is a folder, not a file</source>
        <translation>%1 是資料夾，不是檔案</translation>
    </message>
    <message>
        <source>%1 is not a regular file (a named pipe, a device or a socket)</source>
        <translation>%1 不是一般檔案（而是具名管道、裝置或通訊端）</translation>
    </message>
    <message>
        <source>a number (%1)</source>
        <translation>數字（%1）</translation>
    </message>
    <message>
        <source>true or false (%1)</source>
        <translation>布林值（%1）</translation>
    </message>
    <message>
        <source>a list (%1)</source>
        <translation>清單（%1）</translation>
    </message>
    <message>
        <source>an object (%1)</source>
        <translation>物件（%1）</translation>
    </message>
    <message>
        <source>text (%1)</source>
        <translation>文字（%1）</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is %3, not &quot;user&quot;, &quot;assistant&quot; or &quot;system&quot;</source>
        <translation>%1：「%2」是%3，而不是「user」、「assistant」或「system」</translation>
    </message>
    <message>
        <source>%1 has no role</source>
        <translation>%1沒有角色</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is %3, not text</source>
        <translation>%1：「%2」是%3，而不是文字</translation>
    </message>
    <message>
        <source>message %1 (id %2)</source>
        <translation>第 %1 則訊息（id 為 %2）</translation>
    </message>
    <message>
        <source>this is neither an RWKV Desktop bundle (.rwkvchat) nor a JSON export: it is %1</source>
        <translation>這既不是 RWKV 桌面版的對話套件（.rwkvchat），也不是 JSON 匯出檔：它是%1</translation>
    </message>
    <message>
        <source>the conversation&apos;s starting state is not named in full (a file name and a sha256)</source>
        <translation>對話的起始狀態沒有寫全（需要檔案名稱和 sha256）</translation>
    </message>
    <message>
        <source>its starting state could not be kept as %1 (%2)</source>
        <translation>無法把它的起始狀態儲存為 %1（%2）</translation>
    </message>
    <message>
        <source>%1 is a system message after message %2: only a chat&apos;s first message can be one (it becomes the chat&apos;s instructions)</source>
        <translation>%1是系統訊息，卻接在第 %2 則訊息之後：只有對話的第一則訊息可以是系統訊息（它會成為對話的指示）</translation>
    </message>
    <message>
        <source>%1 is a system message, and the conversation has other instructions already (&quot;system_prompt&quot;): a chat keeps one set</source>
        <translation>%1是系統訊息，但對話已有其他指示（「system_prompt」）：一個對話只保留一組指示</translation>
    </message>
    <message>
        <source>%1 is a second system message, with other text: a chat keeps one set of instructions</source>
        <translation>%1是第二則系統訊息，且內容不同：一個對話只保留一組指示</translation>
    </message>
    <message>
        <source>the bundle is damaged or truncated: its header says its JSON part is %1 bytes, more than the whole file (%2 bytes)</source>
        <translation>對話套件已損毀或不完整：其檔頭記載 JSON 部分為 %1 位元組，比整個檔案（%2 位元組）還大</translation>
    </message>
    <message>
        <source>the bundle is damaged or truncated: its header says its state part is %1 bytes, more than the whole file (%2 bytes)</source>
        <translation>對話套件已損毀或不完整：其檔頭記載狀態部分為 %1 位元組，比整個檔案（%2 位元組）還大</translation>
    </message>
    <message>
        <source>%1 is %2, not a file stored on a disk</source>
        <translation>%1 是%2，不是存放在磁碟上的檔案</translation>
    </message>
</context>
<context>
    <name>rwkv::app::InferenceWorker</name>
    <message>
        <source>No model file was chosen.</source>
        <translation>沒有選擇模型檔案。</translation>
    </message>
    <message>
        <source>No model is loaded. Choose a model file first.</source>
        <translation>尚未載入模型。請先選擇模型檔案。</translation>
    </message>
    <message>
        <source>The tokenizer vocabulary it needs (%1) is kept in RWKV Desktop&apos;s resources folder, which was not found.</source>
        <translation>它需要的分詞詞彙表（%1）存放在 RWKV 桌面版的資源資料夾中，但找不到這個資料夾。</translation>
    </message>
    <message>
        <source>%1 could not be used; using the CPU. %2</source>
        <translation>無法使用 %1，改用 CPU。%2</translation>
    </message>
    <message>
        <source>%1 has too little free memory for this model, so it runs on the CPU (slower).</source>
        <translation>%1 的可用記憶體不足以容納這個模型，因此改在 CPU 上執行（較慢）。</translation>
    </message>
    <message>
        <source>With int8 weights (Settings → Weights in memory) it would fit on the GPU.</source>
        <translation>改用 int8 權重（設定 → 記憶體中的權重）即可放進 GPU。</translation>
    </message>
</context>
<context>
    <name>rwkv::app::LibraryController</name>
    <message>
        <source>Search failed: %1</source>
        <translation>搜尋失敗：%1</translation>
    </message>
    <message>
        <source>Could not pin the conversation: %1</source>
        <translation>無法釘選對話：%1</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Could not read the trash: %1</source>
        <translation>無法讀取垃圾桶：%1</translation>
    </message>
    <message>
        <source>Could not restore the conversation: %1</source>
        <translation>無法還原對話：%1</translation>
    </message>
    <message>
        <source>Could not delete the conversation: %1</source>
        <translation>無法刪除對話：%1</translation>
    </message>
    <message>
        <source>A folder needs a name.</source>
        <translation>資料夾需要名稱。</translation>
    </message>
    <message>
        <source>A folder name has at most %1 characters.</source>
        <translation>資料夾名稱最多 %1 個字元。</translation>
    </message>
    <message>
        <source>A folder name is one line, without control or text-direction characters.</source>
        <translation>資料夾名稱只能是一行，不能包含控制字元或文字方向字元。</translation>
    </message>
    <message>
        <source>There is already a folder named “%1”.</source>
        <translation>已有名為「%1」的資料夾。</translation>
    </message>
    <message>
        <source>Could not make the folder: %1</source>
        <translation>無法新增資料夾：%1</translation>
    </message>
    <message>
        <source>Could not rename the folder: %1</source>
        <translation>無法重新命名資料夾：%1</translation>
    </message>
    <message>
        <source>Could not delete the folder: %1</source>
        <translation>無法刪除資料夾：%1</translation>
    </message>
    <message>
        <source>Could not move the conversation: %1</source>
        <translation>無法移動對話：%1</translation>
    </message>
    <message>
        <source>Could not free the space of the saved states: %1</source>
        <translation>無法釋放儲存的狀態佔用的空間：%1</translation>
    </message>
    <message>
        <source>Delete the folder “%1”? It holds no chats.</source>
        <translation>刪除資料夾「%1」？其中沒有對話。</translation>
    </message>
    <message numerus="yes">
        <source>Delete the folder “%1”? Its %n chat(s) will stay, listed outside any folder.</source>
        <translation>
            <numerusform>刪除資料夾「%1」？其中的 %n 段對話會保留，不再屬於任何資料夾。</numerusform>
        </translation>
    </message>
    <message>
        <source>A folder name cannot hold half a character (shown as �): the file is damaged there.</source>
        <translation>資料夾名稱不能包含半個字元（顯示為 �）：檔案在此處已損壞。</translation>
    </message>
</context>
<context>
    <name>rwkv::app::TurnReadouts</name>
    <message>
        <source>%1 s to first token</source>
        <translation>第一個 token 耗時 %1 秒</translation>
    </message>
    <message>
        <source>&lt; %1 s to first token</source>
        <comment>under 0.01 s: the time rounds to 0.00</comment>
        <translation>第一個 token 耗時不到 %1 秒</translation>
    </message>
    <message>
        <source>%1 tok/s</source>
        <translation>%1 token/秒</translation>
    </message>
    <message>
        <source>1 token</source>
        <translation>1 個 token</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 個 token</translation>
    </message>
    <message>
        <source>Read %1 prompt tokens at %2 tok/s; wrote %3 tokens at %4 tok/s</source>
        <translation>讀取提示 %1 個 token，%2 token/秒；撰寫 %3 個 token，%4 token/秒</translation>
    </message>
    <message>
        <source>1 more token</source>
        <comment>a continued reply: written after the cut text</comment>
        <translation>續寫 1 個 token</translation>
    </message>
    <message>
        <source>%1 more tokens</source>
        <comment>a continued reply: written after the cut text</comment>
        <translation>續寫 %1 個 token</translation>
    </message>
    <message>
        <source>Read %1 tokens (the prompt and the cut reply) at %2 tok/s; wrote %3 more tokens at %4 tok/s</source>
        <translation>讀取 %1 個 token（提示和被中斷的回覆），%2 token/秒；續寫 %3 個 token，%4 token/秒</translation>
    </message>
</context>
<context>
    <name>rwkv::gui::DialogRows</name>
    <message>
        <source>%1 is a file, not a folder.</source>
        <translation>%1 是檔案，不是資料夾。</translation>
    </message>
    <message>
        <source>%1 does not exist. Type the path of a folder that exists (a new folder is made in a file manager).</source>
        <translation>%1 不存在。請輸入現有資料夾的路徑（新資料夾請先在檔案管理員中建立）。</translation>
    </message>
</context>
<context>
    <name>rwkv::models</name>
    <message>
        <source>the network proxy failed (%1); check the system proxy settings</source>
        <translation>網路代理伺服器發生錯誤（%1）；請檢查系統的代理伺服器設定</translation>
    </message>
    <message>
        <source>no secure connection to %1 (%2)</source>
        <translation>無法與 %1 建立安全連線（%2）</translation>
    </message>
    <message>
        <source>%1 did not answer in time</source>
        <translation>%1 沒有及時回應</translation>
    </message>
    <message>
        <source>%1 closed the connection</source>
        <translation>%1 關閉了連線</translation>
    </message>
    <message>
        <source>%1 refused the connection</source>
        <translation>%1 拒絕了連線</translation>
    </message>
    <message>
        <source>no network connection (%1)</source>
        <translation>沒有網路連線（%1）</translation>
    </message>
    <message>
        <source>no network or no DNS: cannot find %1</source>
        <translation>沒有網路或 DNS 無法使用：找不到 %1</translation>
    </message>
    <message>
        <source>No models folder is set.</source>
        <translation>尚未設定模型資料夾。</translation>
    </message>
    <message>
        <source>The models folder %1 does not exist.</source>
        <translation>模型資料夾 %1 不存在。</translation>
    </message>
    <message>
        <source>The models folder %1 is not a folder.</source>
        <translation>模型資料夾 %1 不是資料夾。</translation>
    </message>
    <message>
        <source>The models folder %1 is not writable (%2).</source>
        <translation>模型資料夾 %1 無法寫入（%2）。</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; is missing or empty</source>
        <translation>欄位「%1」缺少或是空的</translation>
    </message>
    <message>
        <source>file &quot;%1&quot; is not a bare file name</source>
        <translation>檔案「%1」不是單純的檔名</translation>
    </message>
    <message>
        <source>sha256 is not 64 hex digits</source>
        <translation>sha256 不是 64 位十六進位數字</translation>
    </message>
    <message>
        <source>size must be a positive number or null</source>
        <translation>size 必須是正數或 null</translation>
    </message>
    <message>
        <source>no http(s) URL for source &quot;%1&quot;</source>
        <translation>來源「%1」沒有 http(s) 網址</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; is not text: %2</source>
        <translation>欄位「%1」不是文字：%2</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; is not a number: %2</source>
        <translation>欄位「%1」不是數字：%2</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; is too large: %2</source>
        <translation>欄位「%1」太大：%2</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; is not an object of sources and their URLs: %2</source>
        <translation>欄位「%1」不是由下載來源及其網址組成的物件：%2</translation>
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
        <translation>剩餘 %1 小時 %2 分鐘</translation>
    </message>
    <message>
        <source>%1 min %2 s left</source>
        <translation>剩餘 %1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 s left</source>
        <translation>剩餘 %1 秒</translation>
    </message>
    <message>
        <source>%1 layers × %2</source>
        <translation>%1 層 × %2</translation>
    </message>
    <message>
        <source>Fits your GPU</source>
        <translation>適合你的 GPU</translation>
    </message>
    <message>
        <source>Fits your RAM (CPU)</source>
        <translation>適合你的記憶體（CPU）</translation>
    </message>
    <message>
        <source>Too large for this computer</source>
        <translation>對這台電腦來說太大</translation>
    </message>
    <message>
        <source>Memory need unknown</source>
        <translation>記憶體需求不明</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Incomplete: %1 of %2 in the models folder (a copy or download cut short). Download again replaces it.</source>
        <translation>不完整：模型資料夾中只有 %1，共 %2（複製或下載中斷）。「重新下載」會取代它。</translation>
    </message>
    <message>
        <source>A different file: %1 in the models folder, the catalog&apos;s is %2. Download again replaces it.</source>
        <translation>不是同一個檔案：模型資料夾中的檔案為 %1，模型目錄中的為 %2。「重新下載」會取代它。</translation>
    </message>
    <message>
        <source>Incomplete: %1 of %2 in the models folder (a copy or download cut short); the whole file is in %3.</source>
        <translation>不完整：模型資料夾中只有 %1，共 %2（複製或下載中斷）；完整的檔案位於 %3。</translation>
    </message>
    <message>
        <source>A different file: %1 in the models folder, the catalog&apos;s is %2; the catalog&apos;s file is in %3.</source>
        <translation>不是同一個檔案：模型資料夾中的檔案為 %1，模型目錄中的為 %2；模型目錄中的檔案位於 %3。</translation>
    </message>
    <message>
        <source>Incomplete: %1 of %2 in the models folder (a copy or download cut short). The models folder cannot be written, so Download again puts the whole file in %3 and leaves this one.</source>
        <translation>不完整：模型資料夾中只有 %1，共 %2（複製或下載中斷）。模型資料夾無法寫入，因此「重新下載」會將完整的檔案放到 %3，並保留這個檔案不動。</translation>
    </message>
    <message>
        <source>A different file: %1 in the models folder, the catalog&apos;s is %2. The models folder cannot be written, so Download again puts the catalog&apos;s file in %3 and leaves this one.</source>
        <translation>不是同一個檔案：模型資料夾中的檔案為 %1，模型目錄中的為 %2。模型資料夾無法寫入，因此「重新下載」會將模型目錄中的檔案放到 %3，並保留這個檔案不動。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在開始…</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 位元組</translation>
    </message>
    <message>
        <source>Fits your GPU with int8 weights</source>
        <translation>使用 int8 權重可放進你的 GPU</translation>
    </message>
    <message>
        <source>Fits your RAM (CPU) with int8 weights</source>
        <translation>使用 int8 權重可放進你的記憶體（CPU）</translation>
    </message>
    <message>
        <source>%1, loads as about %2</source>
        <translation>%1，載入後約 %2</translation>
    </message>
    <message>
        <source>Too large as fp16; fits your GPU with int8 weights (Settings → Weights in memory)</source>
        <translation>以 fp16 來說太大；改用 int8 權重（設定 → 記憶體中的權重）即可放進你的 GPU</translation>
    </message>
    <message>
        <source>Too large as fp16; fits your RAM (CPU) with int8 weights (Settings → Weights in memory)</source>
        <translation>以 fp16 來說太大；改用 int8 權重（設定 → 記憶體中的權重）即可放進你的記憶體（CPU）</translation>
    </message>
    <message>
        <source>download size not in the catalog; loads as about %1</source>
        <translation>模型目錄中沒有下載大小；載入後約 %1</translation>
    </message>
    <message>
        <source>size not in the catalog</source>
        <translation>模型目錄中沒有大小</translation>
    </message>
</context>
<context>
    <name>rwkv::models::DownloadManager</name>
    <message>
        <source>A download needs an id.</source>
        <translation>下載需要一個 ID。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid model file name.</source>
        <translation>「%1」不是有效的模型檔名。</translation>
    </message>
    <message>
        <source>%1 has no download address for %2.</source>
        <translation>%1 在 %2 上沒有下載位址。</translation>
    </message>
    <message>
        <source>%1 is already in the models folder.</source>
        <translation>%1 已在模型資料夾中。</translation>
    </message>
    <message>
        <source>%1 is already downloading.</source>
        <translation>%1 已在下載中。</translation>
    </message>
    <message>
        <source>The download did not start: no answer within %1 s (another program may be holding the database, or the models folder does not respond). Try again.</source>
        <translation>下載沒有開始：%1 秒內沒有回應（可能有另一個程式正占用資料庫，或模型資料夾沒有回應）。請再試一次。</translation>
    </message>
    <message>
        <source>%1 cannot be downloaded: its file name is %2 bytes long, and the files a download writes beside it (its name with “.part.json.XXXXXX” after it) would pass the 255 bytes a file name can have. The longest name that downloads is %3 bytes.</source>
        <translation>無法下載 %1：它的檔名長達 %2 位元組，而下載時寫在它旁邊的檔案（檔名後加上「.part.json.XXXXXX」）會超過檔名最多 255 位元組的上限。可下載的最長檔名為 %3 位元組。</translation>
    </message>
    <message>
        <source>The list of unfinished model downloads in the conversation database was damaged and has been made again, empty: downloads paused or cut short before this start are no longer listed.</source>
        <translation>對話資料庫中未完成的模型下載清單已損毀，已重新建立為空白清單：本次啟動前暫停或中斷的下載不再列出。</translation>
    </message>
    <message>
        <source>The list of unfinished model downloads in the conversation database cannot be read (%1): downloads paused or cut short before this start are not listed.</source>
        <translation>無法讀取對話資料庫中未完成的模型下載清單（%1）：本次啟動前暫停或中斷的下載沒有列出。</translation>
    </message>
    <message>
        <source>Their partly downloaded files were kept in the models folder (%1): Download on a model&apos;s card in Models goes on from its file.</source>
        <translation>這些下載已下載的部分檔案保留在模型資料夾中（%1）：在「模型」中點選該模型卡片上的「下載」，會從它的檔案接著下載。</translation>
    </message>
    <message>
        <source>Their partly downloaded files are still in the models folder (%1).</source>
        <translation>這些下載已下載的部分檔案仍在模型資料夾中（%1）。</translation>
    </message>
    <message>
        <source>Your chats and the models already downloaded were not touched.</source>
        <translation>你的對話和已下載的模型都沒有被變動。</translation>
    </message>
</context>
<context>
    <name>rwkv::models::DownloadTask</name>
    <message>
        <source>connection lost: %1</source>
        <translation>連線中斷：%1</translation>
    </message>
    <message>
        <source>%1 is already in the models folder.</source>
        <translation>%1 已在模型資料夾中。</translation>
    </message>
    <message>
        <source>No download address for %1 from %2.</source>
        <translation>%2 上沒有 %1 的下載位址。</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暫停</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>無法寫入 %1：%2</translation>
    </message>
    <message>
        <source>the server sent an unreadable Content-Range</source>
        <translation>伺服器傳回的 Content-Range 無法解析</translation>
    </message>
    <message>
        <source>the server resumed at byte %1 instead of %2</source>
        <translation>伺服器從第 %1 個位元組續傳，而不是第 %2 個位元組</translation>
    </message>
    <message>
        <source>the server offers %1 bytes, %2 were expected</source>
        <translation>伺服器提供 %1 位元組，預期為 %2 位元組</translation>
    </message>
    <message>
        <source>the server sent more bytes than the file has</source>
        <translation>伺服器傳送的位元組數超過檔案大小</translation>
    </message>
    <message>
        <source>Cannot write %1: %2. The partial download is kept; resume when the problem is fixed.</source>
        <translation>無法寫入 %1：%2。已下載的部分會保留；問題解決後可繼續下載。</translation>
    </message>
    <message>
        <source>Starting over: %1</source>
        <translation>重新開始下載：%1</translation>
    </message>
    <message>
        <source>the connection closed early</source>
        <translation>連線提早關閉</translation>
    </message>
    <message>
        <source>HTTP %1 from %2 without a usable Location</source>
        <translation>%2 傳回 HTTP %1，但沒有可用的 Location</translation>
    </message>
    <message>
        <source>too many redirects</source>
        <translation>重新導向次數過多</translation>
    </message>
    <message>
        <source>the server refused the byte range</source>
        <translation>伺服器拒絕了位元組範圍請求</translation>
    </message>
    <message>
        <source>HTTP %1 from %2</source>
        <translation>%2 傳回 HTTP %1</translation>
    </message>
    <message>
        <source>unexpected HTTP %1 from %2</source>
        <translation>%2 傳回非預期的 HTTP %1</translation>
    </message>
    <message>
        <source>Retrying in %1 s (attempt %2): %3</source>
        <translation>%1 秒後重試（第 %2 次嘗試）：%3</translation>
    </message>
    <message>
        <source>Downloading %1 failed: %2. Retry later, or choose another source in Models; when every source fails, the model catalog may be out of date.</source>
        <translation>下載 %1 失敗：%2。請稍後再試，或在「模型」中選擇其他下載來源；如果每個來源都失敗，模型目錄可能已過時。</translation>
    </message>
    <message>
        <source>Downloading %1 failed: %2. Each source was tried in turn (Automatic): retry later; if they all keep failing, the model catalog may be out of date.</source>
        <translation>下載 %1 失敗：%2。已依序嘗試每個下載來源（自動）：請稍後再試；如果它們一直失敗，模型目錄可能已過時。</translation>
    </message>
    <message>
        <source>%1 failed (%2); trying %3</source>
        <translation>%1 失敗（%2）；正在嘗試 %3</translation>
    </message>
    <message>
        <source>%1 has %2 bytes, %3 were expected; the download was deleted.</source>
        <translation>%1 有 %2 位元組，預期為 %3 位元組；已刪除下載的檔案。</translation>
    </message>
    <message>
        <source>Verifying</source>
        <translation>正在驗證</translation>
    </message>
    <message>
        <source>Checksum mismatch for %1: expected sha256 %2, got %3. The downloaded file was deleted; try again or choose another source.</source>
        <translation>%1 的總和檢查碼不相符：預期 sha256 為 %2，實際為 %3。已刪除下載的檔案；請再試一次或選擇其他來源。</translation>
    </message>
    <message>
        <source>%1 appeared in the models folder during the download; the verified copy is kept as %2.</source>
        <translation>下載期間，模型資料夾中出現了 %1；已驗證的副本另存為 %2。</translation>
    </message>
    <message>
        <source>Cannot move %1 into the models folder.</source>
        <translation>無法將 %1 移入模型資料夾。</translation>
    </message>
    <message>
        <source>Downloading %1 failed: %2. Retry later; the model catalog lists no other source for it, and it may be out of date.</source>
        <translation>下載 %1 失敗：%2。請稍後再試；模型目錄沒有列出它的其他下載來源，目錄也可能已過時。</translation>
    </message>
    <message>
        <source>%1 (%2) is larger than the whole disk holding %3 (%4): it cannot be downloaded there. Choose a models folder on a larger disk.</source>
        <translation>%1（%2）比存放 %3 的整個磁碟（%4）還大，無法下載到那裡。請選擇位於較大磁碟上的模型資料夾。</translation>
    </message>
    <message>
        <source>Not enough disk space: %1 needs %2 still to download, and only %3 are free in %4. Free some space, then resume.</source>
        <translation>磁碟空間不足：%1 還有 %2 需要下載，而 %4 中只剩 %3 可用。請釋出一些空間，然後繼續下載。</translation>
    </message>
    <message>
        <source>the server sent a web page, not the model file (a login or error page?)</source>
        <translation>伺服器傳來的是網頁，而不是模型檔案（可能是登入頁面或錯誤頁面？）</translation>
    </message>
    <message>
        <source>the server sent a web page of %1 bytes, not the model file (a login or error page?)</source>
        <translation>伺服器傳來的是 %1 位元組的網頁，而不是模型檔案（可能是登入頁面或錯誤頁面？）</translation>
    </message>
    <message>
        <source>the server sent a web page of %1 bytes, not the model file of %2 bytes (a login or error page?)</source>
        <translation>伺服器傳來的是 %1 位元組的網頁，而不是 %2 位元組的模型檔案（可能是登入頁面或錯誤頁面？）</translation>
    </message>
    <message>
        <source>Waiting for the server: nothing received for %1 s; the app asks again after %2 s of silence.</source>
        <translation>正在等待伺服器：已有 %1 秒沒有收到資料；靜默 %2 秒後會重新要求。</translation>
    </message>
    <message>
        <source>Starting over: %1 in the models folder was not written by this download (another program&apos;s or another file&apos;s), so the file is downloaded from the start.</source>
        <translation>重新開始下載：模型資料夾中的 %1 不是這次下載寫入的（來自其他程式或其他檔案），因此從頭下載這個檔案。</translation>
    </message>
    <message>
        <source>%1 is being downloaded by another RWKV Desktop window (process %2) into the same models folder. This one waits and uses the file once it is there.</source>
        <translation>另一個 RWKV 桌面版視窗（處理程序 %2）正在將 %1 下載到同一個模型資料夾。這個視窗會等待，檔案下載好後直接使用。</translation>
    </message>
    <message>
        <source>%1 is being downloaded by another RWKV Desktop window into the same models folder. This one waits and uses the file once it is there.</source>
        <translation>另一個 RWKV 桌面版視窗正在將 %1 下載到同一個模型資料夾。這個視窗會等待，檔案下載好後直接使用。</translation>
    </message>
    <message>
        <source>Disk full while writing %1: the disk holding %2 has no room left (%3 free). Free some space, then resume; the %4 already downloaded are kept.</source>
        <translation>寫入 %1 時磁碟已滿：存放 %2 的磁碟已沒有剩餘空間（可用 %3）。請釋出一些空間後繼續下載；已下載的 %4 會保留。</translation>
    </message>
    <message>
        <source>the checksum of %1 did not match after resuming the %2 downloaded earlier, so the file is downloaded again from the start</source>
        <translation>接續先前已下載的 %2 之後，%1 的總和檢查碼不相符，因此從頭重新下載這個檔案</translation>
    </message>
    <message>
        <source>Took over the lock %1 of %2 (process %3): its .part did not change for %4 s.</source>
        <translation>已接管 %2（處理程序 %3）的鎖定檔 %1：它的 .part 已有 %4 秒沒有變化。</translation>
    </message>
    <message>
        <source>Took over the lock %1 of %2 (process %3): no download was writing beside it.</source>
        <translation>已接管 %2（處理程序 %3）的鎖定檔 %1：它旁邊沒有正在寫入的下載。</translation>
    </message>
    <message>
        <source>%1 is being downloaded by RWKV Desktop on another computer (%2, process %3) into this shared models folder: its lock is %4. This one waits and uses the file once it is there; if nothing changes beside that lock for %5 min, this one takes the download over.</source>
        <translation>另一台電腦（%2，處理程序 %3）上的 RWKV 桌面版正在將 %1 下載到這個共用的模型資料夾，它的鎖定檔是 %4。這個視窗會等待，檔案下載好後直接使用；如果該鎖定檔旁邊 %5 分鐘都沒有任何變化，這個視窗會接手這次下載。</translation>
    </message>
    <message>
        <source>Cannot download %1: its lock %2 is not a file (a folder or something else has that name). Remove it, then retry.</source>
        <translation>無法下載 %1：它的鎖定檔 %2 不是檔案（有資料夾或其他東西占用了這個名稱）。請將它移除，然後重試。</translation>
    </message>
    <message>
        <source>Cannot download %1: its lock %2 cannot be made (no permission to write in the models folder).</source>
        <translation>無法下載 %1：無法建立它的鎖定檔 %2（沒有在模型資料夾中寫入的權限）。</translation>
    </message>
    <message>
        <source>Cannot download %1: its lock %2 cannot be read (it was not written by RWKV Desktop). If no window on any computer downloads this model, remove it, then retry.</source>
        <translation>無法下載 %1：無法讀取它的鎖定檔 %2（它不是 RWKV 桌面版寫入的）。如果任何電腦上都沒有視窗在下載這個模型，請將它移除，然後重試。</translation>
    </message>
    <message>
        <source>Cannot download %1: its lock %2 cannot be made in the models folder.</source>
        <translation>無法下載 %1：無法在模型資料夾中建立它的鎖定檔 %2。</translation>
    </message>
    <message>
        <source>Checksum mismatch for %1: the downloaded file was deleted. Its card in Models shows both checksums; try again or choose another source.</source>
        <translation>%1 的總和檢查碼不相符：已刪除下載的檔案。「模型」頁面中它的卡片列出了兩個總和檢查碼；請再試一次或選擇其他來源。</translation>
    </message>
    <message>
        <source>Downloading %1 failed: no server answered (%2; last error: %3). Check this computer&apos;s internet connection (and proxy settings), then Retry.</source>
        <translation>下載 %1 失敗：沒有任何伺服器回應（%2；最後的錯誤：%3）。請檢查這台電腦的網路連線（以及代理伺服器設定），然後點選「重試」。</translation>
    </message>
</context>
<context>
    <name>rwkv::models::DownloadWorker</name>
    <message>
        <source>Cannot read the download list: %1</source>
        <translation>無法讀取下載清單：%1</translation>
    </message>
    <message>
        <source>There is no download %1 to resume.</source>
        <translation>沒有可繼續的下載 %1。</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Interrupted when the app closed; resume to continue.</source>
        <translation>應用程式關閉時下載被中斷；點選「繼續」即可接著下載。</translation>
    </message>
    <message>
        <source>Cannot record the download: %1</source>
        <translation>無法記錄這次下載：%1</translation>
    </message>
</context>
<context>
    <name>rwkv::models::ModelCatalog</name>
    <message>
        <source>Cannot read the model catalog %1: %2</source>
        <translation>無法讀取模型目錄 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2 at offset %3</source>
        <translation>%1 不是有效的 JSON：%2（位移 %3）</translation>
    </message>
    <message>
        <source>%1 has no &quot;models&quot; list</source>
        <translation>%1 中沒有「models」清單</translation>
    </message>
    <message>
        <source>%1, model %2 (%3): %4</source>
        <translation>%1，第 %2 個模型（%3）：%4</translation>
    </message>
    <message>
        <source>%1, model %2: duplicate id &quot;%3&quot;</source>
        <translation>%1，第 %2 個模型：ID「%3」重複</translation>
    </message>
    <message>
        <source>%1, model %2: %3</source>
        <translation>%1，第 %2 個模型：%3</translation>
    </message>
</context>
<context>
    <name>rwkv::models::ModelManagerController</name>
    <message>
        <source>Download of %1 paused: %2</source>
        <translation>%1 的下載已暫停：%2</translation>
    </message>
    <message>
        <source>Checking %1 (size and sha256)…</source>
        <translation>正在檢查 %1（大小和 sha256）…</translation>
    </message>
    <message>
        <source>Downloading %1: %2</source>
        <translation>正在下載 %1：%2</translation>
    </message>
    <message>
        <source>Downloading %1: %2 of %3 (%4 %)</source>
        <translation>正在下載 %1：%2 / %3（%4%）</translation>
    </message>
    <message>
        <source>Downloading %1: starting…</source>
        <translation>正在下載 %1：正在開始…</translation>
    </message>
    <message>
        <source>Automatic (fall back on failure)</source>
        <translation>自動（失敗時改用其他來源）</translation>
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
        <translation>ModelScope（魔搭）</translation>
    </message>
    <message>
        <source>Unknown download source &quot;%1&quot;.</source>
        <translation>未知的下載來源「%1」。</translation>
    </message>
    <message>
        <source>none detected</source>
        <translation>未偵測到</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>GPU %1 · RAM %2</source>
        <translation>GPU %1 · 記憶體 %2</translation>
    </message>
    <message>
        <source>Unknown model &quot;%1&quot;.</source>
        <translation>未知的模型「%1」。</translation>
    </message>
    <message>
        <source>An import is already running.</source>
        <translation>已有匯入正在進行。</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 不是檔案。</translation>
    </message>
    <message>
        <source>%1 is not a model file (.pth, .gguf, .st, .safetensors or .bin).</source>
        <translation>%1 不是模型檔案（.pth、.gguf、.st、.safetensors 或 .bin）。</translation>
    </message>
    <message>
        <source>%1 is already in the models folder.</source>
        <translation>%1 已在模型資料夾中。</translation>
    </message>
    <message>
        <source>Not enough disk space to import %1: %2 needed, %3 free.</source>
        <translation>磁碟空間不足，無法匯入 %1：需要 %2，可用 %3。</translation>
    </message>
    <message>
        <source>Could not copy %1 into the models folder (is the disk full?).</source>
        <translation>無法將 %1 複製到模型資料夾（磁碟是否已滿？）。</translation>
    </message>
    <message>
        <source>Could not delete %1.</source>
        <translation>無法刪除 %1。</translation>
    </message>
    <message>
        <source>%1 is not in the models folder.</source>
        <translation>%1 不在模型資料夾中。</translation>
    </message>
    <message>
        <source>%1 cannot be used as a model, so nothing was copied: %2</source>
        <translation>%1 無法當作模型使用，因此沒有複製任何內容：%2</translation>
    </message>
    <message>
        <source>The model catalog “%1” could not be used, so no models are listed: %2</source>
        <translation>無法使用模型目錄「%1」，因此沒有列出任何模型：%2</translation>
    </message>
    <message>
        <source>The model catalog “%1” lists no models.</source>
        <translation>模型目錄「%1」沒有列出任何模型。</translation>
    </message>
    <message>
        <source>%1 (integrated, shares the RAM)</source>
        <translation>%1（內建顯示卡，與記憶體共用）</translation>
    </message>
    <message>
        <source>%1 (software, on the CPU)</source>
        <translation>%1（軟體算繪，在 CPU 上執行）</translation>
    </message>
    <message>
        <source>Some models of the catalog “%1” cannot be used and are left out; the others are listed. Left out: %2</source>
        <translation>模型目錄「%1」中有些模型無法使用，已略過；其他模型照常列出。略過的模型：%2</translation>
    </message>
    <message>
        <source>The models folder %1 cannot be written (%2), so downloads and imports go to %3; its models are listed and can be used, not deleted.</source>
        <translation>模型資料夾 %1 無法寫入（%2），因此下載和匯入的模型會放到 %3；其中的模型照常列出且可以使用，但無法刪除。</translation>
    </message>
    <message>
        <source>%1 cannot be deleted: the models folder %2 cannot be written (%3).</source>
        <translation>無法刪除 %1：模型資料夾 %2 無法寫入（%3）。</translation>
    </message>
    <message>
        <source>%1 goes on downloading into %2, the models folder when it started; once there it is listed here, with its folder.</source>
        <translation>%1 會繼續下載到 %2（開始下載時的模型資料夾）；下載完成後會在這裡列出，並註明所在的資料夾。</translation>
    </message>
    <message>
        <source>The models folder holds a folder named %1, so %2 cannot be downloaded: its file has that name.</source>
        <translation>模型資料夾中有一個名為 %1 的資料夾，因此無法下載 %2：它的檔案正是這個名稱。</translation>
    </message>
    <message>
        <source>%1 in the models folder is not the catalog&apos;s file (%2, the catalog&apos;s is %3) and could not be deleted, so it cannot be downloaded again.</source>
        <translation>模型資料夾中的 %1 不是模型目錄中的檔案（%2，目錄中的為 %3），且無法刪除，因此無法重新下載。</translation>
    </message>
    <message>
        <source>Not listed: %1. A file name with bytes that are not UTF-8 text (shown as �) cannot be opened here; rename the file to use it.</source>
        <translation>未列出：%1。檔名中含有不是 UTF-8 文字的位元組（顯示為 �）的檔案無法在此開啟；請重新命名檔案後再使用。</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <comment>model files not listed</comment>
        <translation>
            <numerusform>%1，以及另外 %n 個檔案</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 cannot be imported: its file name is %2 bytes long, and the copy is made under its name with “.importing” after it, which would pass the 255 bytes a file name can have. The longest name that imports is %3 bytes; rename the file, then import it.</source>
        <translation>無法匯入 %1：它的檔名長達 %2 位元組，而匯入時的副本會以它的名稱加上「.importing」命名，超過檔名最多 255 位元組的上限。可匯入的最長檔名為 %3 位元組；請先重新命名檔案，再匯入。</translation>
    </message>
    <message>
        <source>%1 cannot be used as a model, so nothing was copied. %2
Details: %3</source>
        <translation>%1 無法當作模型使用，因此沒有複製任何內容。%2
詳細資訊：%3</translation>
    </message>
    <message>
        <source>%1 was imported as %2: the models folder already has another file named %1.</source>
        <translation>%1 已匯入為 %2：模型資料夾中已有另一個名為 %1 的檔案。</translation>
    </message>
    <message>
        <source>%1 is already in the models folder, as %2.</source>
        <translation>%1 已在模型資料夾中，名稱為 %2。</translation>
    </message>
    <message>
        <source>%1 cannot be imported under another name: the models folder already has a file of that name, and its name, %2 bytes long, leaves no room for “ (%3)” in the 255 bytes a file name can have (the copy is made with “.importing” after it). Rename the file to at most %4 bytes, then import it.</source>
        <translation>無法以其他名稱匯入 %1：模型資料夾中已有同名檔案，而它的檔名長達 %2 位元組，在檔名最多 255 位元組的上限內放不下「 (%3)」（匯入時的副本還會在名稱後加上「.importing」）。請先將檔案重新命名為最多 %4 位元組，再匯入。</translation>
    </message>
    <message>
        <source>%1 was imported into the models folder.</source>
        <translation>%1 已匯入模型資料夾。</translation>
    </message>
</context>
<context>
    <name>rwkv::models::Sha256Job</name>
    <message>
        <source>Cannot read %1 to verify it: %2</source>
        <translation>無法讀取 %1 進行驗證：%2</translation>
    </message>
    <message>
        <source>Verification was cancelled.</source>
        <translation>驗證已取消。</translation>
    </message>
</context>
</TS>
