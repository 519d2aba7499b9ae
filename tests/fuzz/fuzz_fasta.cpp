#include "bio/Fasta.h"

#include <cstdint>
#include <cstdlib>

using namespace benchtop::bio;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const FastaResult result =
        readFasta(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!result.ok()) {
        if (result.error->message.isEmpty())
            std::abort();
        return 0;
    }
    // Written back and read as the same kinds, the records must be the same sequences.
    const FastaResult again = readFasta(writeFasta(result.records));
    if (!again.ok() || again.records.size() != result.records.size())
        std::abort();
    for (qsizetype i = 0; i < result.records.size(); ++i)
        if (again.records[i].sequence != result.records[i].sequence)
            std::abort();
    return 0;
}
