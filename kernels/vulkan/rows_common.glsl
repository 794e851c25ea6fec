// Row tables of the rows path (engine/src/vulkan/vk_rows.cpp), bound as one uint buffer: token ids [Rc], row info
// [Rc] (sequence index | first row of its sequence << 30 | last row << 31; padding rows: kPadRow), the first row
// and the row count of each sequence [Sc] each. Rows of one sequence are consecutive, in token order.
#define ROW_SEQ(i) ((i) & 0x3FFFFFFFu)
#define ROW_FIRST(i) (((i) >> 30) & 1u)
#define ROW_LAST(i) ((i) >> 31)
#define PAD_ROW 0x3FFFFFFFu
