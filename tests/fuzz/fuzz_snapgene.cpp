#include "bio/GenBank.h"
#include "bio/SnapGene.h"

#include <cstdint>
#include <cstdlib>

using namespace benchtop::bio;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const SnapGeneResult result =
        readSnapGene(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (result.error) {
        if (result.error->message.isEmpty())
            std::abort();
        return 0;
    }
    if (!readGenBank(writeGenBank(result.record)).ok())
        std::abort(); // an imported .dna file must be exportable
    return 0;
}
