// Roles shared by every Benchtop item model. They carry whole values and load state so that they
// survive proxy models: views never cast an index to its source model (DESIGN §2).
#pragma once

#include <Qt>

namespace benchtop::models {

enum Role {
    IdRole = Qt::UserRole + 1, // QString: the API id ("loc_...")
    ResourceRole,              // QJsonObject: the resource as the store holds it
    LoadStateRole,             // int (LoadState): of the item's children
    ErrorRole,                 // QString: why loading the item's children failed
};

enum class LoadState { NotLoaded, Loading, Loaded, Failed };

} // namespace benchtop::models
