#include "bio/Embl.h"
#include "bio/GenBank.h"

#include <cstdint>
#include <cstdlib>

using namespace benchtop::bio;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const GenBankResult result =
        readEmbl(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!result.ok() && (result.error->message.isEmpty() || !result.records.isEmpty()))
        std::abort();
    if (result.ok() && !readGenBank(writeGenBank(result.records)).ok())
        std::abort(); // whatever EMBL gave us, GenBank must be able to carry
    return 0;
}
