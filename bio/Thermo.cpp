#include "Thermo.h"

#include <QByteArray>

#include <array>
#include <cmath>

namespace benchtop::bio {
namespace {

struct Enthalpy
{
    double dH; // kcal/mol
    double dS; // cal/(K mol)
};

// DNA_NN3 (Allawi & SantaLucia 1997, the unified set of SantaLucia 1998), by the first pair of
// each neighbour key "XY/X'Y'"; the other ten dinucleotides read the same stack from the other
// strand.
constexpr std::pair<const char *, Enthalpy> kStacks[] = {
    {"AA", {-7.9, -22.2}}, {"AT", {-7.2, -20.4}}, {"TA", {-7.2, -21.3}}, {"CA", {-8.5, -22.7}},
    {"GT", {-8.4, -22.4}}, {"CT", {-7.8, -21.0}}, {"GA", {-8.2, -22.2}}, {"CG", {-10.6, -27.2}},
    {"GC", {-9.8, -24.4}}, {"GG", {-8.0, -19.9}}};
constexpr Enthalpy kInitAT = {2.3, 4.1};
constexpr Enthalpy kInitGC = {0.1, -2.8};
constexpr Enthalpy kSymmetry = {0, -1.4};
constexpr double kGasConstant = 1.987; // cal/(K mol), as Biopython

int baseIndex(char base)
{
    switch (base) {
    case 'A':
        return 0;
    case 'C':
        return 1;
    case 'G':
        return 2;
    case 'T':
        return 3;
    default:
        return -1;
    }
}

char complementBase(char base)
{
    return "TGCA"[baseIndex(base)];
}

Enthalpy stack(char first, char second)
{
    for (const auto &[pair, value] : kStacks) {
        if (pair[0] == first && pair[1] == second)
            return value;
    }
    // XY is the stack cY cX read on the other strand.
    const char other[2] = {complementBase(second), complementBase(first)};
    for (const auto &[pair, value] : kStacks) {
        if (pair[0] == other[0] && pair[1] == other[1])
            return value;
    }
    return {0, 0}; // unreachable for A/C/G/T
}

// What Biopython's _check(seq, "Tm_NN") keeps: upper case, U as T, only A/C/G/T (and I).
QByteArray cleanOligo(QByteArrayView oligo, bool *hasInosine)
{
    QByteArray bases;
    bases.reserve(oligo.size());
    *hasInosine = false;
    for (char c : oligo) {
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
        if (c == 'U')
            c = 'T';
        if (c == 'I')
            *hasInosine = true;
        if (baseIndex(c) >= 0)
            bases.append(c);
    }
    return bases;
}

double gcOfClean(const QByteArray &bases)
{
    if (bases.isEmpty())
        return 0;
    return double(bases.count('G') + bases.count('C')) / double(bases.size());
}

std::optional<double> saltCorrectionOfClean(const QByteArray &bases,
                                            const MeltingConditions &conditions)
{
    const int method = int(conditions.saltCorrection);
    if (method == 0)
        return 0.0;
    double monovalent = conditions.na + conditions.k + conditions.tris / 2.0; // mM
    double mg = conditions.mg * 1e-3;                                         // M
    if (conditions.k + conditions.mg + conditions.tris + conditions.dntps > 0 && method != 7 &&
        conditions.dntps < conditions.mg)
        monovalent += 120 * std::sqrt(conditions.mg - conditions.dntps);
    const double mon = monovalent * 1e-3;
    if (method <= 6 && mon <= 0)
        return std::nullopt;
    const double n = double(bases.size());
    const double gc = gcOfClean(bases);
    const auto owczarzy2004 = [&] {
        return (4.29 * gc - 3.95) * 1e-5 * std::log(mon) + 9.40e-6 * std::pow(std::log(mon), 2);
    };
    switch (method) {
    case 1:
        return 16.6 * std::log10(mon);
    case 2:
        return 16.6 * std::log10(mon / (1.0 + 0.7 * mon));
    case 3:
        return 12.5 * std::log10(mon);
    case 4:
        return 11.7 * std::log10(mon);
    case 5:
        return 0.368 * (n - 1) * std::log(mon);
    case 6:
        return owczarzy2004();
    default:
        break;
    }
    // Owczarzy 2008: Mg2+ (less what dNTPs bind) with the monovalent ions.
    double a = 3.92, d = 1.42, g = 8.31;
    const double b = -0.911, c = 6.26, e = -48.2, f = 52.5;
    if (conditions.dntps > 0) {
        const double dntps = conditions.dntps * 1e-3;
        const double ka = 3e4;
        const double t = ka * dntps - ka * mg + 1.0;
        mg = (-t + std::sqrt(t * t + 4.0 * ka * mg)) / (2.0 * ka);
    }
    if (monovalent > 0) {
        const double ratio = std::sqrt(mg) / mon;
        if (ratio < 0.22)
            return owczarzy2004();
        if (ratio < 6.0) {
            const double lnMon = std::log(mon);
            a = 3.92 * (0.843 - 0.352 * std::sqrt(mon) * lnMon);
            d = 1.42 * (1.279 - 4.03e-3 * lnMon - 8.03e-3 * lnMon * lnMon);
            g = 8.31 * (0.486 - 0.258 * lnMon + 5.25e-3 * lnMon * lnMon * lnMon);
        }
    }
    if (mg <= 0 || n < 2)
        return std::nullopt;
    const double lnMg = std::log(mg);
    return (a + b * lnMg + gc * (c + d * lnMg) +
            (1 / (2.0 * (n - 1))) * (e + f * lnMg + g * lnMg * lnMg)) *
           1e-5;
}

} // namespace

std::optional<double> saltCorrectionTerm(QByteArrayView oligo, const MeltingConditions &conditions)
{
    bool inosine = false;
    return saltCorrectionOfClean(cleanOligo(oligo, &inosine), conditions);
}

std::optional<double> meltingTemperature(QByteArrayView oligo, const MeltingConditions &conditions)
{
    bool inosine = false;
    const QByteArray bases = cleanOligo(oligo, &inosine);
    if (inosine || bases.size() < 2)
        return std::nullopt;
    double dH = 0, dS = 0;
    const auto add = [&](Enthalpy value, double times = 1) {
        dH += value.dH * times;
        dS += value.dS * times;
    };
    const char ends[2] = {bases.front(), bases.back()};
    int atEnds = 0;
    for (const char end : ends)
        atEnds += end == 'A' || end == 'T';
    add(kInitAT, atEnds);
    add(kInitGC, 2 - atEnds);
    for (qsizetype i = 0; i + 1 < bases.size(); ++i)
        add(stack(bases[i], bases[i + 1]));

    double k = (conditions.dnac1 - conditions.dnac2 / 2.0) * 1e-9;
    if (conditions.selfComplementary) {
        k = conditions.dnac1 * 1e-9;
        add(kSymmetry);
    }
    if (k <= 0)
        return std::nullopt;
    const auto correction = saltCorrectionOfClean(bases, conditions);
    if (!correction)
        return std::nullopt;
    const SaltCorrection method = conditions.saltCorrection;
    if (method == SaltCorrection::SantaLucia1998Entropy)
        dS += *correction;
    double tm = (1000 * dH) / (dS + kGasConstant * std::log(k)) - 273.15;
    if (method >= SaltCorrection::SchildkrautLifson1965 && method <= SaltCorrection::SantaLucia1998)
        tm += *correction;
    if (method == SaltCorrection::Owczarzy2004 || method == SaltCorrection::Owczarzy2008)
        tm = 1 / (1 / (tm + 273.15) + *correction) - 273.15;
    return tm;
}

double wallaceMeltingTemperature(QByteArrayView oligo)
{
    double tm = 0;
    for (char c : oligo) {
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
        switch (c) {
        case 'A':
        case 'T':
        case 'U':
        case 'W':
            tm += 2;
            break;
        case 'C':
        case 'G':
        case 'S':
            tm += 4;
            break;
        case 'K':
        case 'M':
        case 'N':
        case 'R':
        case 'Y':
            tm += 3;
            break;
        case 'B':
        case 'V':
            tm += 10 / 3.0;
            break;
        case 'D':
        case 'H':
            tm += 8 / 3.0;
            break;
        default:
            break;
        }
    }
    return tm;
}

double gcFraction(QByteArrayView sequence, GcAmbiguity ambiguity)
{
    double gc = 0;
    qsizetype length = ambiguity == GcAmbiguity::Remove ? 0 : sequence.size();
    for (char c : sequence) {
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
        switch (c) {
        case 'G':
        case 'C':
        case 'S':
            gc += 1;
            length += ambiguity == GcAmbiguity::Remove;
            break;
        case 'A':
        case 'T':
        case 'U':
        case 'W':
            length += ambiguity == GcAmbiguity::Remove;
            break;
        default:
            if (ambiguity != GcAmbiguity::Weighted)
                break;
            // Biopython's _gc_values: the chance that the code is G or C.
            if (QByteArrayView("MRYKXN").contains(c))
                gc += 0.5;
            else if (c == 'B' || c == 'V')
                gc += 2 / 3.0;
            else if (c == 'D' || c == 'H')
                gc += 1 / 3.0;
            break;
        }
    }
    return length == 0 ? 0.0 : gc / double(length);
}

std::optional<double> molecularWeight(QByteArrayView sequence, MoleculeKind kind,
                                      bool doubleStranded, bool circular, bool monoisotopic)
{
    // Bio.Data.IUPACData's weights (nucleotides as monophosphates).
    struct Mass
    {
        char letter;
        double average;
        double monoisotopic;
    };
    static constexpr Mass kDna[] = {{'A', 331.2218, 331.06817},
                                    {'C', 307.1971, 307.056936},
                                    {'G', 347.2212, 347.063084},
                                    {'T', 322.2085, 322.056602}};
    static constexpr Mass kRna[] = {{'A', 347.2212, 347.063084},
                                    {'C', 323.1965, 323.051851},
                                    {'G', 363.2206, 363.057999},
                                    {'U', 324.1813, 324.035867}};
    static constexpr Mass kProtein[] = {
        {'A', 89.0932, 89.047678},   {'C', 121.1582, 121.019749}, {'D', 133.1027, 133.037508},
        {'E', 147.1293, 147.053158}, {'F', 165.1891, 165.078979}, {'G', 75.0666, 75.032028},
        {'H', 155.1546, 155.069477}, {'I', 131.1729, 131.094629}, {'K', 146.1876, 146.105528},
        {'L', 131.1729, 131.094629}, {'M', 149.2113, 149.051049}, {'N', 132.1179, 132.053492},
        {'O', 255.3134, 255.158292}, {'P', 115.1305, 115.063329}, {'Q', 146.1445, 146.069142},
        {'R', 174.201, 174.111676},  {'S', 105.0926, 105.042593}, {'T', 119.1192, 119.058243},
        {'U', 168.0532, 168.964203}, {'V', 117.1463, 117.078979}, {'W', 204.2252, 204.089878},
        {'Y', 181.1885, 181.073893}};
    if (kind == MoleculeKind::Protein && doubleStranded)
        return std::nullopt;
    const Mass *table = kind == MoleculeKind::Dna   ? kDna
                        : kind == MoleculeKind::Rna ? kRna
                                                    : kProtein;
    const int tableSize = kind == MoleculeKind::Protein ? int(std::size(kProtein)) : 4;
    const auto massOf = [&](char letter) -> std::optional<double> {
        for (int i = 0; i < tableSize; ++i) {
            if (table[i].letter == letter)
                return monoisotopic ? table[i].monoisotopic : table[i].average;
        }
        return std::nullopt;
    };
    const double water = monoisotopic ? 18.010565 : 18.0153;
    const auto complementOf = [&](char base) {
        switch (base) {
        case 'A':
            return kind == MoleculeKind::Dna ? 'T' : 'U';
        case 'C':
            return 'G';
        case 'G':
            return 'C';
        default:
            return 'A'; // T or U
        }
    };
    double weight = 0, complementWeight = 0;
    qsizetype residues = 0;
    for (char c : sequence) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            continue;
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
        const auto mass = massOf(c);
        if (!mass)
            return std::nullopt;
        weight += *mass;
        if (doubleStranded)
            complementWeight += massOf(complementOf(c)).value_or(0);
        ++residues;
    }
    if (residues == 0)
        return std::nullopt;
    const double bonds = double(residues - 1) + (circular ? 1 : 0);
    weight -= bonds * water;
    if (doubleStranded)
        weight += complementWeight - bonds * water;
    return weight;
}

} // namespace benchtop::bio
