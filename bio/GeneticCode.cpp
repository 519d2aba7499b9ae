#include "GeneticCode.h"

#include "Logging.h"

#include <QFile>
#include <QHash>
#include <QVarLengthArray>

#include <bit>

using namespace Qt::StringLiterals;

namespace benchtop::bio {
namespace {

// Bits of an IUPAC mask in NCBI base order: T=0, C=1, A=2, G=3.
constexpr int kNcbiBaseOfBit[4] = {2, 1, 3, 0}; // A, C, G, T
constexpr char kNcbiBases[4] = {'T', 'C', 'A', 'G'};

// The API's enum, in the order of the NCBI ids it stands for.
constexpr std::pair<int, const char *> kApiNames[] = {
    {1, "STANDARD"},
    {2, "VERTEBRATE_MITOCHONDRIAL"},
    {3, "YEAST_MITOCHONDRIAL"},
    {4, "MOLD_PROTOZOAN_COELENTERATE_MITOCHONDRIAL_MYCOPLASMA_SPIROPLASMA"},
    {5, "INVERTEBRATE_MITOCHONDRIAL"},
    {6, "CILIATE_DASYCLADACEAN_HEXAMITA_NUCLEAR"},
    {9, "ECHINODERM_FLATWORM_MITOCHONDRIAL"},
    {10, "EUPLOTID_NUCLEAR"},
    {11, "BACTERIAL_ARCHAEAL_PLANT_PLASTID"},
    {12, "ALTERNATIVE_YEAST_NUCLEAR"},
    {13, "ASCIDIAN_MITOCHONDRIAL"},
    {14, "ALTERNATIVE_FLATWORM_MITOCHONDRIAL"},
    {16, "CHLOROPHYCEAN_MITOCHONDRIAL"},
    {21, "TREMATODE_MITOCHONDRIAL"},
    {22, "SCENEDESMUS_OBLIQUUS_MITOCHONDRIAL"},
    {23, "THRAUSTOCHYTRIUM_MITOCHONDRIAL"},
    {24, "RHABDOPLEURIDAE_MITOCHONDRIAL"}, // NCBI renamed "Pterobranchia" to this in 2018
    {25, "CANDIDATE_DIVISION_SR1_GRACILIBACTERIA"},
    {26, "PACHYSOLEN_TANNOPHILUS_NUCLEAR"},
    {29, "MESODINIUM_NUCLEAR"},
    {30, "PERITRICH_NUCLEAR"},
    {33, "CEPHALODISCIDAE_MITOCHONDRIAL_UAA_TYR"},
};

// The standard code, so that standard() exists even if the resource cannot be read.
GeneticCode builtInStandard()
{
    const auto parsed = GeneticCode::parse(
        "Genetic-code-table ::= { { name \"Standard\" , name \"SGC0\" , id 1 ,\n"
        "ncbieaa  \"FFLLSSSSYY**CC*WLLLLPPPPHHQQRRRRIIIMTTTTNNKKSSRRVVVVAAAADDEEGGGG\",\n"
        "sncbieaa \"---M------**--*----M---------------M----------------------------\" } }");
    return parsed.codes.value(0);
}

struct Registry
{
    QList<GeneticCode> codes;
    QHash<int, qsizetype> indexById;
    GeneticCode fallbackStandard;
    std::optional<ParseError> error;
};

const Registry &registry()
{
    static const Registry instance = [] {
        Registry r;
        r.fallbackStandard = builtInStandard();
        QFile file(u":/bio/gc.prt"_s);
        if (!file.open(QIODevice::ReadOnly)) {
            r.error = ParseError{0, u"cannot open the embedded genetic code table :/bio/gc.prt"_s};
        } else {
            auto parsed = GeneticCode::parse(file.readAll());
            r.error = parsed.error;
            if (!parsed.error)
                r.codes = std::move(parsed.codes);
        }
        if (r.error)
            qCWarning(lcBio) << "genetic codes:" << r.error->toString();
        for (qsizetype i = 0; i < r.codes.size(); ++i)
            r.indexById.insert(r.codes[i].id(), i);
        return r;
    }();
    return instance;
}

} // namespace

const GeneticCode *GeneticCode::byId(int id)
{
    const Registry &r = registry();
    const auto it = r.indexById.constFind(id);
    if (it != r.indexById.constEnd())
        return &r.codes[*it];
    return id == 1 ? &r.fallbackStandard : nullptr;
}

const GeneticCode *GeneticCode::byApiName(QStringView apiName)
{
    const int id = idForApiName(apiName);
    return id ? byId(id) : nullptr;
}

const GeneticCode &GeneticCode::standard()
{
    return *byId(1);
}

QList<const GeneticCode *> GeneticCode::all()
{
    QList<const GeneticCode *> result;
    for (const GeneticCode &code : registry().codes)
        result.append(&code);
    if (result.isEmpty())
        result.append(&registry().fallbackStandard);
    return result;
}

std::optional<ParseError> GeneticCode::loadError()
{
    return registry().error;
}

QString GeneticCode::apiNameForId(int id)
{
    for (const auto &[codeId, name] : kApiNames) {
        if (codeId == id)
            return QString::fromLatin1(name);
    }
    return {};
}

int GeneticCode::idForApiName(QStringView apiName)
{
    for (const auto &[codeId, name] : kApiNames) {
        if (apiName == QLatin1StringView(name))
            return codeId;
    }
    return 0;
}

int GeneticCode::codonIndex(QByteArrayView codon)
{
    if (codon.size() < 3)
        return -1;
    int index = 0;
    for (int i = 0; i < 3; ++i) {
        const quint8 mask = nucleotideMask(codon[i]);
        if (std::popcount(mask) != 1)
            return -1;
        index = index * 4 + kNcbiBaseOfBit[std::countr_zero(mask)];
    }
    return index;
}

QByteArray GeneticCode::codonAt(int index)
{
    if (index < 0 || index >= 64)
        return {};
    const char codon[3] = {kNcbiBases[index >> 4], kNcbiBases[(index >> 2) & 3],
                           kNcbiBases[index & 3]};
    return QByteArray(codon, 3);
}

QList<QByteArray> GeneticCode::startCodons() const
{
    QList<QByteArray> result;
    for (int i = 0; i < 64; ++i) {
        if (m_startBits >> i & 1)
            result.append(codonAt(i));
    }
    return result;
}

QList<QByteArray> GeneticCode::stopCodons() const
{
    QList<QByteArray> result;
    for (int i = 0; i < 64; ++i) {
        if (m_stopBits >> i & 1)
            result.append(codonAt(i));
    }
    return result;
}

QList<QByteArray> GeneticCode::codonsFor(char aminoAcid) const
{
    QList<QByteArray> result;
    for (int i = 0; i < m_aminoAcids.size(); ++i) {
        if (m_aminoAcids[i] == aminoAcid)
            result.append(codonAt(i));
    }
    return result;
}

void GeneticCode::buildLookup()
{
    // The NCBI base indices each IUPAC mask allows.
    std::array<QVarLengthArray<int, 4>, 16> basesOf;
    for (int mask = 0; mask < 16; ++mask) {
        for (int bit = 0; bit < 4; ++bit) {
            if (mask >> bit & 1)
                basesOf[mask].append(kNcbiBaseOfBit[bit]);
        }
    }
    const char *aminoAcidOf = m_aminoAcids.constData();
    m_startBits = 0;
    m_stopBits = 0;
    for (int i = 0; i < 64; ++i) {
        if (m_startsAndStops[i] == 'M')
            m_startBits |= quint64(1) << i;
        if (m_startsAndStops[i] == '*' || m_aminoAcids[i] == '*')
            m_stopBits |= quint64(1) << i;
    }
    // Biopython's ambiguous protein letters, smallest set first; X covers the rest.
    const auto bit = [](char aa) {
        return quint32(1) << (aa - 'A');
    };
    const std::pair<char, quint32> groups[] = {
        {'B', bit('D') | bit('N')}, {'J', bit('I') | bit('L')}, {'Z', bit('E') | bit('Q')}};
    for (int index = 0; index < 4096; ++index) {
        const int m1 = index >> 8, m2 = (index >> 4) & 15, m3 = index & 15;
        char result = 'X';
        if (m1 && m2 && m3) {
            quint32 aminoAcids = 0;
            bool stop = false;
            quint8 roles = CodonRole::Stop | CodonRole::Start;
            for (const int n1 : basesOf[m1]) {
                for (const int n2 : basesOf[m2]) {
                    for (const int n3 : basesOf[m3]) {
                        const int codon = n1 * 16 + n2 * 4 + n3;
                        const char aa = aminoAcidOf[codon];
                        if (!(m_stopBits >> codon & 1))
                            roles &= ~CodonRole::Stop;
                        if (!(m_startBits >> codon & 1))
                            roles &= ~CodonRole::Start;
                        if (aa == '*')
                            stop = true;
                        else
                            aminoAcids |= bit(aa);
                    }
                }
            }
            m_roles[index] = roles;
            if (stop)
                result = aminoAcids ? 'X' : '*';
            else if (std::popcount(aminoAcids) == 1)
                result = static_cast<char>('A' + std::countr_zero(aminoAcids));
            else {
                for (const auto &[letter, members] : groups) {
                    if ((aminoAcids & ~members) == 0) {
                        result = letter;
                        break;
                    }
                }
            }
        }
        m_lookup[index] = result;
    }
}

} // namespace benchtop::bio
