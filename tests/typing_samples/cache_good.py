"""The cache controls gazu scripts call on cached helpers type-check (kitsu_helpers.cache.Cached)."""

import kitsu_helpers as gazu

gazu.cache.enable()
asset = gazu.asset.get_asset("an-asset-id")
print(asset["name"])
gazu.asset.get_asset.clear_cache()
gazu.asset.get_asset.set_cache_expire(10)
gazu.asset.get_asset.set_cache_max_size(100)
gazu.asset.get_asset.disable_cache()
gazu.asset.get_asset.enable_cache()
hits: int = gazu.asset.get_asset.get_cache_infos()["hits"]
gazu.cache.clear_all()
gazu.cache.disable()
