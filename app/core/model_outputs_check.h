// model_outputs_check.h — the check a loaded model passes before it is used: its first logits are numbers. The
// window's and the local API's load (InferenceWorker) and rwkv-cli chat make it; defined in inference_worker.cpp.
#pragma once

#include "rwkv/model.h"

namespace rwkv::app {

/// One decode step of token 0 on a fresh state: throws Error(InvalidLogits) "the model's first logits hold NaN (logit
/// I of token 0 from a new state)" (or infinity) when `model`'s weights are damaged or not an RWKV-7 model's, so such
/// a file is refused at its load, not at the first reply.
void checkOutputsAreNumbers(Model& model);

}  // namespace rwkv::app
