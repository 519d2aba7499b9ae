// Any input either fails with a ParseError that names a line, or gives records that the writer
// turns into text that reads back the same (the round trip the GenBank reader promises).
#include "bio/GenBank.h"

#include <cstdint>
#include <cstdlib>

using namespace benchtop::bio;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const GenBankResult result =
        readGenBank(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!result.ok()) {
        if (result.error->message.isEmpty() || !result.records.isEmpty())
            std::abort(); // an error must say what is wrong, and leave no partial record
        return 0;
    }
    // What GenBank cannot hold (tabs/CR in values, empty locations, spaces in names) is
    // normalised by the writer; one more round trip must then be exact.
    const GenBankResult once = readGenBank(writeGenBank(result.records));
    if (!once.ok())
        std::abort();
    const GenBankResult twice = readGenBank(writeGenBank(once.records));
    if (!twice.ok() || twice.records != once.records)
        std::abort();
    return 0;
}
