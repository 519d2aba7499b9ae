// Quantities and their units (see Quantity.h).
#include "Quantity.h"

#include "server/ResourceRoutes.h"

using namespace Qt::StringLiterals;

namespace benchtop::server::inventory {

const QStringList kQuantityUnits = {u"L"_s,
                                    u"mL"_s,
                                    u"uL"_s,
                                    u"nL"_s,
                                    u"pL"_s,
                                    u"gal (US)"_s,
                                    u"qt (US)"_s,
                                    u"pt (US)"_s,
                                    u"kg"_s,
                                    u"g"_s,
                                    u"mg"_s,
                                    u"ug"_s,
                                    u"ng"_s,
                                    u"pg"_s,
                                    u"lb"_s,
                                    u"oz"_s,
                                    u"mol"_s,
                                    u"mmol"_s,
                                    u"umol"_s,
                                    u"nmol"_s,
                                    u"pmol"_s,
                                    u"cells"_s,
                                    u"(x10^3) cells"_s,
                                    u"(x10^4) cells"_s,
                                    u"(x10^5) cells"_s,
                                    u"(x10^6) cells"_s,
                                    u"(x10^7) cells"_s,
                                    u"(x10^8) cells"_s,
                                    u"(x10^9) cells"_s,
                                    u"items"_s,
                                    u"units"_s};

const QStringList kVolumeUnits = {u"pL"_s, u"nL"_s, u"uL"_s, u"mL"_s, u"L"_s};

namespace {

// The unit's dimension and its size in that dimension's base unit; nullopt for units that only
// compare with themselves (cells, items, ...).
std::optional<std::pair<QString, double>> unitScale(const QString &units)
{
    static const QHash<QString, std::pair<QString, double>> scales{
        {u"L"_s, {u"volume"_s, 1.0}},
        {u"mL"_s, {u"volume"_s, 1e-3}},
        {u"uL"_s, {u"volume"_s, 1e-6}},
        {u"nL"_s, {u"volume"_s, 1e-9}},
        {u"pL"_s, {u"volume"_s, 1e-12}},
        {u"gal (US)"_s, {u"volume"_s, 3.785411784}},
        {u"qt (US)"_s, {u"volume"_s, 0.946352946}},
        {u"pt (US)"_s, {u"volume"_s, 0.473176473}},
        {u"kg"_s, {u"mass"_s, 1e3}},
        {u"g"_s, {u"mass"_s, 1.0}},
        {u"mg"_s, {u"mass"_s, 1e-3}},
        {u"ug"_s, {u"mass"_s, 1e-6}},
        {u"ng"_s, {u"mass"_s, 1e-9}},
        {u"pg"_s, {u"mass"_s, 1e-12}},
        {u"lb"_s, {u"mass"_s, 453.59237}},
        {u"oz"_s, {u"mass"_s, 28.349523125}},
        {u"mol"_s, {u"amount"_s, 1.0}},
        {u"mmol"_s, {u"amount"_s, 1e-3}},
        {u"umol"_s, {u"amount"_s, 1e-6}},
        {u"nmol"_s, {u"amount"_s, 1e-9}},
        {u"pmol"_s, {u"amount"_s, 1e-12}},
    };
    if (scales.contains(units))
        return scales.value(units);
    return std::nullopt;
}

} // namespace

// `amount` (in `from` units) expressed in `to` units; nullopt if they do not compare.
std::optional<double> convert(double amount, const QString &from, const QString &to)
{
    if (from == to)
        return amount;
    const auto a = unitScale(from);
    const auto b = unitScale(to);
    if (!a || !b || a->first != b->first)
        return std::nullopt;
    return amount * a->second / b->second;
}

QJsonObject quantityJson(const Quantity &quantity)
{
    return {{u"value"_s, quantity.value ? QJsonValue(*quantity.value) : QJsonValue()},
            {u"units"_s, nullableJson(quantity.units)}};
}

Quantity storedQuantity(const ResourceRow &row)
{
    const QJsonObject q = row.data.value(u"quantity"_s).toObject();
    Quantity quantity;
    if (q.value(u"value"_s).isDouble())
        quantity.value = q.value(u"value"_s).toDouble();
    if (q.value(u"units"_s).isString())
        quantity.units = q.value(u"units"_s).toString();
    return quantity;
}

void storeQuantity(ResourceRow &row, const Quantity &quantity)
{
    row.data.insert(u"quantity"_s, quantityJson(quantity));
}

QString formatQuantity(const Quantity &quantity)
{
    if (!quantity.value)
        return u"no recorded quantity"_s;
    return u"%1 %2"_s.arg(*quantity.value).arg(quantity.units);
}

// Reads a ContainerQuantity / DeprecatedContainerVolumeForInput / Measurement object.
std::variant<Quantity, ApiFailure> readQuantity(const QJsonValue &value, const QString &field,
                                                const QStringList &allowedUnits, bool bothOrNeither)
{
    if (!value.isObject())
        return ApiFailure::badRequest(
            u"Field '%1' must be an object with value and units."_s.arg(field));
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() != u"value"_s && it.key() != u"units"_s)
            return ApiFailure::badRequest(
                u"Field '%1' has an unknown key '%2'; it takes value and units."_s.arg(field,
                                                                                       it.key()));
    }
    Quantity quantity;
    const QJsonValue v = object.value(u"value"_s);
    if (v.isDouble())
        quantity.value = v.toDouble();
    else if (!v.isNull() && !v.isUndefined())
        return ApiFailure::badRequest(u"Field '%1.value' must be a number or null."_s.arg(field));
    const QJsonValue u = object.value(u"units"_s);
    if (u.isString()) {
        quantity.units = u.toString();
        if (!allowedUnits.isEmpty() && !allowedUnits.contains(quantity.units)) {
            return ApiFailure::badRequest(u"Field '%1.units' must be one of %2, not \"%3\"."_s.arg(
                field, allowedUnits.join(u", "_s), quantity.units));
        }
    } else if (!u.isNull() && !u.isUndefined()) {
        return ApiFailure::badRequest(u"Field '%1.units' must be a string or null."_s.arg(field));
    }
    if (quantity.value && *quantity.value < 0)
        return ApiFailure::badRequest(u"Field '%1.value' must not be negative."_s.arg(field));
    if (bothOrNeither && (quantity.value.has_value() != !quantity.units.isNull())) {
        return ApiFailure::badRequest(
            u"Field '%1' needs both value and units, or neither (both null)."_s.arg(field));
    }
    if (!bothOrNeither && quantity.value && quantity.units.isNull())
        return ApiFailure::badRequest(u"Field '%1' has a value but no units."_s.arg(field));
    return quantity;
}

} // namespace benchtop::server::inventory
