import kitsu_helpers as gazu

gazu.asset.get_asset.set_cache_expire("ten seconds")
gazu.asset.get_asset.forget_everything()
gazu.asset.get_asset(42)
